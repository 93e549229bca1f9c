/**
 * The registry's CRUD round trip on servers the check creates: create two, retrieve one, list
 * (a `limit` page, and the pages `after` the first), PATCH a field and read it back, delete, and
 * then 404 for both GET and DELETE of the deleted id.
 */
import { pass } from "../../check.js";
import { arrayBody, createProbe, expectStatus, objectBody, registryCheck } from "../../registry/registry-check.js";
import { UNREACHABLE_SSE_URL, type RegistryClient } from "../../registry/registry-client.js";
import type { CheckContext } from "../../run/check-context.js";
import { REF } from "../references.js";

/** How many pages `after` the first probe are read looking for the second one. */
const MAX_PAGES = 10;
const PAGE = 100;

export const registryCrudRoundTrip = registryCheck({
  id: "registry-crud-round-trip",
  title: "Create (201), retrieve, list with limit/after, PATCH, DELETE (204), then 404 for the deleted id",
  reference: REF.registry,
  failureMeans:
    "Basic management of the registry is broken: a client cannot create, read, page through, update or delete MCP servers as documented, or a deleted server stays reachable.",
  remedy:
    "Implement /v1/mcp-servers as openapi/registry.yaml documents it: POST answers 201 with the stored server, GET lists with limit and after (a cursor of the last id), GET /{id} retrieves, PATCH changes only the fields sent and returns the result, DELETE answers 204, and GET or DELETE of a deleted id answers 404.",
  async run(ctx, registry) {
    const first = await createProbe(ctx, registry, "crud-a");
    const created = objectBody(ctx, first.call, "create");
    if (created["server_name"] !== first.name || created["mcp_server_type"] !== "sse" || created["server_url"] !== UNREACHABLE_SSE_URL) {
      ctx.stop("create: the 201 answer does not echo the server_name, mcp_server_type and server_url sent", ctx.evidence.exchange(first.call.exchange));
    }
    const second = await createProbe(ctx, registry, "crud-b");

    const got = await registry.call("retrieveMcpServer", { serverId: first.id });
    expectStatus(ctx, got, [200], `GET ${first.id}`);
    const retrieved = objectBody(ctx, got, `GET ${first.id}`);
    if (retrieved["id"] !== first.id || retrieved["server_name"] !== first.name) ctx.stop(`GET ${first.id} answered another server`, ctx.evidence.exchange(got.exchange));

    const one = await registry.call("listMcpServers", { query: { limit: "1" } });
    expectStatus(ctx, one, [200], "GET the list with limit=1");
    if (arrayBody(ctx, one, "GET the list with limit=1").length !== 1) {
      ctx.stop(`GET the list with limit=1 answered ${arrayBody(ctx, one, "list").length} servers; at least 2 exist, so the page must hold exactly 1`, ctx.evidence.exchange(one.exchange));
    }
    await expectListedAfter(ctx, registry, first.id, second.id);

    const url = `${UNREACHABLE_SSE_URL}-patched`;
    const patched = await registry.call("updateMcpServer", { serverId: first.id, body: { server_url: url } });
    expectStatus(ctx, patched, [200], `PATCH ${first.id} server_url`);
    if (objectBody(ctx, patched, "PATCH")["server_url"] !== url) ctx.stop("PATCH answered 200 without the new server_url", ctx.evidence.exchange(patched.exchange));
    const reread = await registry.call("retrieveMcpServer", { serverId: first.id });
    expectStatus(ctx, reread, [200], `GET ${first.id} after PATCH`);
    if (objectBody(ctx, reread, "GET after PATCH")["server_url"] !== url) ctx.stop("GET after PATCH does not show the new server_url", ctx.evidence.exchange(reread.exchange));

    const deleted = await registry.call("deleteMcpServer", { serverId: first.id });
    expectStatus(ctx, deleted, [204], `DELETE ${first.id}`);
    registry.forget(first.id);
    const gone = await registry.call("retrieveMcpServer", { serverId: first.id });
    expectStatus(ctx, gone, [404], `GET ${first.id} after DELETE`);
    const again = await registry.call("deleteMcpServer", { serverId: first.id });
    expectStatus(ctx, again, [404], `DELETE ${first.id} again`);
    return pass(`created ${first.id} and ${second.id}, read, listed and paged them, patched server_url, deleted one (204, then 404)`);
  },
});

/** The list pages after `afterId` include `expectedId` and never `afterId` itself. */
async function expectListedAfter(ctx: CheckContext, registry: RegistryClient, afterId: string, expectedId: string): Promise<void> {
  let after = afterId;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const call = await registry.call("listMcpServers", { query: { limit: String(PAGE), after } });
    expectStatus(ctx, call, [200], `GET the list after=${after}`);
    const servers = arrayBody(ctx, call, `GET the list after=${after}`);
    if (servers.length > PAGE) ctx.stop(`GET the list with limit=${PAGE} answered ${servers.length} servers`, ctx.evidence.exchange(call.exchange));
    if (servers.some((server) => server["id"] === afterId)) ctx.stop(`the page after=${afterId} includes ${afterId} itself`, ctx.evidence.exchange(call.exchange));
    if (servers.some((server) => server["id"] === expectedId)) return;
    const last = servers.at(-1)?.["id"];
    if (servers.length < PAGE || typeof last !== "string") {
      ctx.stop(`${expectedId}, created right after ${afterId}, is not in the pages after it (servers are listed in creation order)`, ctx.evidence.exchange(call.exchange));
    }
    after = last;
  }
  ctx.stop(`${expectedId} not found within ${MAX_PAGES} pages of ${PAGE} after ${afterId}`);
}
