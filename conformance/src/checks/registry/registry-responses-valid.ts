/**
 * Every registry response of the run, whichever check caused it, has a status the spec documents
 * for its operation and a body that validates against the documented schema. Runs after the other
 * registry checks; alone (with --only), it makes its own read-only requests to judge.
 */
import { fail, pass } from "../../check.js";
import { registryCheck } from "../../registry/registry-check.js";
import { REF } from "../references.js";

export const registryResponsesValid = registryCheck({
  id: "registry-responses-valid",
  title: "Every registry response has a documented status and validates against the registry spec's schema",
  reference: REF.registry,
  failureMeans:
    "Generated clients and typed SDKs built from the registry's spec break on responses the spec does not describe: an undocumented status, or a body that does not match its schema.",
  remedy:
    "Return only the statuses openapi/registry.yaml lists for each operation, with bodies that validate against their schemas (every error an ApiError {detail, code}); validate responses against the spec in your own tests.",
  async run(ctx, registry) {
    if (ctx.state.registryCalls.length === 0) {
      await registry.call("listMcpServers", { query: { limit: "5" } });
      await registry.call("retrieveMcpServer", { serverId: registry.unknownId() });
    }
    const calls = ctx.state.registryCalls;
    const broken = calls.filter((call) => call.problem !== undefined);
    const [first] = broken;
    if (!first) return pass(`all ${calls.length} registry responses of the run match the spec`);
    const listed = broken.slice(0, 3).map((call) => `${call.problem} (in ${call.checkId})`);
    return fail(`${broken.length} of ${calls.length} registry responses break the spec: ${listed.join("; ")}`, { ...first.evidence, notes: listed });
  },
});
