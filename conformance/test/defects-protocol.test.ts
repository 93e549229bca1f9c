/**
 * Every JSON-RPC, MCP, security and dialect check can fail: against a fixture with one defect in
 * its answers, the check for it fails (or warns, for a SHOULD), the checks that require it fail as
 * prerequisites, and nothing else fails with it.
 */
import { describeDefects } from "./defect-cases.js";
import { PROTOCOL_CASES } from "./defect-table.js";

describeDefects("a fixture with one protocol defect", PROTOCOL_CASES);
