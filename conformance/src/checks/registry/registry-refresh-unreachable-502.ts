/**
 * A refresh that cannot reach the upstream answers 502 and leaves the stored tools as they were:
 * the probe server points at loopback port 9, where nothing speaks MCP.
 */
import { isDeepStrictEqual } from "node:util";
import { pass } from "../../check.js";
import { arrayBody, createProbe, expectStatus, objectBody, registryCheck } from "../../registry/registry-check.js";
import { UNREACHABLE_SSE_URL } from "../../registry/registry-client.js";
import { REF } from "../references.js";

export const registryRefreshUnreachable502 = registryCheck({
  id: "registry-refresh-unreachable-502",
  title: `Refreshing a server whose upstream (${UNREACHABLE_SSE_URL}) cannot be reached answers 502; its stored tools stay unchanged`,
  reference: REF.registryRefresh,
  failureMeans:
    "A refresh that cannot reach the upstream wipes or corrupts the server's stored tools, or reports success, so clients lose tools that still exist.",
  remedy:
    "Fetch the upstream's tools first and replace the stored ones only when that succeeded; when the upstream cannot be reached, answer 502 with an ApiError saying so and leave the stored tools untouched.",
  async run(ctx, registry) {
    const probe = await createProbe(ctx, registry, "refresh");
    const before = await registry.call("listMcpServerTools", { serverId: probe.id });
    expectStatus(ctx, before, [200], `GET ${probe.id}/tools before the refresh`);
    const toolsBefore = arrayBody(ctx, before, "the tools before the refresh");

    const refresh = await registry.call("refreshMcpServerTools", { serverId: probe.id });
    expectStatus(ctx, refresh, [502], `refreshing ${probe.id} (upstream ${UNREACHABLE_SSE_URL} refuses connections)`);
    const error = objectBody(ctx, refresh, "the 502 answer");
    if (typeof error["detail"] !== "string" || error["detail"] === "") ctx.stop("the 502 answer has no detail saying what failed", ctx.evidence.exchange(refresh.exchange));

    const after = await registry.call("listMcpServerTools", { serverId: probe.id });
    expectStatus(ctx, after, [200], `GET ${probe.id}/tools after the failed refresh`);
    if (!isDeepStrictEqual(arrayBody(ctx, after, "the tools after the refresh"), toolsBefore)) {
      ctx.stop("the failed refresh changed the stored tools", ctx.evidence.exchange(after.exchange, [`before: ${JSON.stringify(toolsBefore).slice(0, 300)}`]));
    }
    return pass(`refresh answered 502 (${String(error["detail"]).slice(0, 120)}); the ${toolsBefore.length} stored tools are unchanged`);
  },
});
