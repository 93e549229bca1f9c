/**
 * Every transport check can fail: against a fixture with one defect in its stream, endpoint or
 * HTTP statuses, the check for it fails (or warns, for a SHOULD), the checks that require it fail
 * as prerequisites, and nothing else fails with it.
 */
import { describeDefects } from "./defect-cases.js";
import { TRANSPORT_CASES } from "./defect-table.js";

describeDefects("a fixture with one transport defect", TRANSPORT_CASES);
