/** Every check is proven able to fail: some fixture defect must make it fail or warn. */
import { describe, expect, it } from "vitest";
import { allChecks } from "../src/checks/registry.js";
import { DEFECTS } from "./fixtures/defects.js";
import { PROTOCOL_CASES, TRANSPORT_CASES } from "./defect-table.js";
import { REGISTRY_DEFECTS } from "./fixtures/registry-fixture.js";
import { REGISTRY_CASES } from "./registry-defect-table.js";
import { STREAMABLE_DEFECTS } from "./fixtures/streamable-defect-proxy.js";
import { STREAMABLE_CASES } from "./streamable-defect-table.js";

describe("defect coverage", () => {
  const cases = [...TRANSPORT_CASES, ...PROTOCOL_CASES, ...REGISTRY_CASES, ...STREAMABLE_CASES];

  it("has a defect case that fails each check", () => {
    // An INFO check cannot fail: a defect that changes what it observes proves it reads the server.
    const proven = new Set(cases.flatMap(([, expected]) => [...(expected.failed ?? []), ...(expected.warning ?? []), ...Object.keys(expected.observed ?? {})]));
    expect(allChecks.map((check) => check.id).filter((id) => !proven.has(id))).toEqual([]);
  });

  it("runs every named defect, once", () => {
    expect(cases.map(([defect]) => defect).sort()).toEqual([...Object.keys(DEFECTS), ...Object.keys(REGISTRY_DEFECTS), ...Object.keys(STREAMABLE_DEFECTS)].sort());
  });
});
