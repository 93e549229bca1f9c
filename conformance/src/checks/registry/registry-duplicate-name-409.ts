/**
 * `server_name` is unique: creating a second server with a taken name, or renaming one to it,
 * answers 409 and changes nothing.
 */
import { pass } from "../../check.js";
import { createProbe, expectStatus, objectBody, registryCheck } from "../../registry/registry-check.js";
import { UNREACHABLE_SSE_URL } from "../../registry/registry-client.js";
import { REF } from "../references.js";

export const registryDuplicateName409 = registryCheck({
  id: "registry-duplicate-name-409",
  title: "Creating a server with a taken server_name, or renaming one to it, answers 409",
  reference: REF.registryErrors,
  failureMeans:
    "Two servers can share a server_name, so exposed tool names (server__tool) collide and a client cannot know which server a name means.",
  remedy:
    "Enforce server_name uniqueness on create and on PATCH (a rename): answer 409 with an ApiError naming the taken name and change nothing. Back it with a unique index so concurrent requests cannot race past the check.",
  async run(ctx, registry) {
    const taken = await createProbe(ctx, registry, "dup");
    const again = await registry.call("createMcpServer", { body: { server_name: taken.name, mcp_server_type: "sse", server_url: `${UNREACHABLE_SSE_URL}-other` } });
    expectStatus(ctx, again, [409], `creating a second server named ${taken.name}`);

    const other = await createProbe(ctx, registry, "dup-other");
    const rename = await registry.call("updateMcpServer", { serverId: other.id, body: { server_name: taken.name } });
    expectStatus(ctx, rename, [409], `renaming ${other.id} to the taken name ${taken.name}`);
    const after = await registry.call("retrieveMcpServer", { serverId: other.id });
    expectStatus(ctx, after, [200], `GET ${other.id} after the refused rename`);
    if (objectBody(ctx, after, "GET after the refused rename")["server_name"] !== other.name) {
      ctx.stop(`the rename answered 409 but ${other.id} was renamed anyway`, ctx.evidence.exchange(after.exchange));
    }
    return pass(`a second create and a rename to ${taken.name} both answered 409`);
  },
});
