/**
 * Every operation on a server id no server has answers 404: retrieve, PATCH (with a valid body,
 * so 404 is the only right answer), DELETE, refresh and its tools. The id is well-formed
 * (`mcp_server-<uuid>`), so a 400/422 for its shape would be wrong too.
 */
import { pass } from "../../check.js";
import { expectStatus, registryCheck } from "../../registry/registry-check.js";
import { UNREACHABLE_SSE_URL, type CallOptions } from "../../registry/registry-client.js";
import type { RegistryOperationId } from "../../registry/registry-operations.js";
import { REF } from "../references.js";

export const registryUnknownId404 = registryCheck({
  id: "registry-unknown-id-404",
  title: "GET, PATCH, DELETE, refresh and tools of an unknown (well-formed) server id answer 404",
  reference: REF.registryErrors,
  failureMeans:
    "Clients cannot tell \"no such server\" from a server error or a bad request, so scripts that clean up or refresh servers misreport what happened.",
  remedy:
    "Look the id up first in every /v1/mcp-servers/{id} operation (retrieve, PATCH, DELETE, refresh, tools) and answer 404 with an ApiError {detail, code} when it is not found; do not answer 400 or 422 for a well-formed id.",
  async run(ctx, registry) {
    const serverId = registry.unknownId();
    const calls: [RegistryOperationId, CallOptions][] = [
      ["retrieveMcpServer", { serverId }],
      ["updateMcpServer", { serverId, body: { server_url: UNREACHABLE_SSE_URL } }],
      ["deleteMcpServer", { serverId }],
      ["refreshMcpServerTools", { serverId }],
      ["listMcpServerTools", { serverId }],
    ];
    for (const [operation, options] of calls) {
      const call = await registry.call(operation, options);
      expectStatus(ctx, call, [404], `${call.operation.method} ${call.operation.path} for the unknown id ${serverId}`);
    }
    return pass(`all ${calls.length} operations answered 404 for ${serverId}`);
  },
});
