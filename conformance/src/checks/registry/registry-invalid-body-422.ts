/**
 * Well-formed JSON with an invalid field answers 422 whose `errors` name the field: a create with
 * a `server_url` that is not an http(s) URL, and a list with `limit=0`.
 */
import { pass } from "../../check.js";
import { expectStatus, objectBody, registryCheck } from "../../registry/registry-check.js";
import type { RegistryCall } from "../../registry/registry-client.js";
import type { CheckContext } from "../../run/check-context.js";
import { REF } from "../references.js";

export const registryInvalidBody422 = registryCheck({
  id: "registry-invalid-body-422",
  title: "An invalid field (server_url not http(s); limit=0) answers 422 with errors[] naming it",
  reference: REF.registryErrors,
  failureMeans:
    "Bad input is stored, or refused without saying which field is wrong, so a client cannot fix its request.",
  remedy:
    "Validate bodies and query parameters against the schema before acting: well-formed JSON with an invalid field (server_url not an http(s) URL, limit=0) answers 422 with an ApiError whose errors[] has one entry per failing field naming it.",
  async run(ctx, registry) {
    const create = await registry.call("createMcpServer", {
      body: { server_name: registry.uniqueName("invalid"), mcp_server_type: "sse", server_url: "ftp://127.0.0.1:9/sse" },
    });
    expectStatus(ctx, create, [422], "creating a server whose server_url is ftp://");
    expectFieldNamed(ctx, create, "server_url");
    const list = await registry.call("listMcpServers", { query: { limit: "0" } });
    expectStatus(ctx, list, [422], "listing with limit=0");
    expectFieldNamed(ctx, list, "limit");
    return pass("422 named /server_url for the create and limit for the list");
  },
});

/** The 422 body's `errors` has an entry whose field is the pointer (or query name) `name`. */
function expectFieldNamed(ctx: CheckContext, call: RegistryCall, name: string): void {
  const errors = objectBody(ctx, call, "the 422 answer")["errors"];
  const fields = Array.isArray(errors) ? errors.map((error) => (error as { field?: unknown } | null)?.field) : [];
  if (!fields.some((field) => field === name || field === `/${name}`)) {
    ctx.stop(`the 422 answer's errors[] does not name ${name} (fields named: ${fields.length > 0 ? fields.map(String).join(", ") : "none"})`, ctx.evidence.exchange(call.exchange));
  }
}
