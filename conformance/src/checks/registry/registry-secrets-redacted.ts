/**
 * Secrets are write-only. The check stores fresh random secrets as an auth_token, a custom header
 * value, a PATCHed token and (if the registry allows stdio commands) an env value, reads them back
 * through create, retrieve, list and PATCH, and sends one in an invalid body: every read-back field
 * must be `********`, and no secret may appear anywhere in any response (bodies or headers).
 */
import { randomBytes } from "node:crypto";
import { pass } from "../../check.js";
import { createProbe, expectStatus, objectBody, registryCheck } from "../../registry/registry-check.js";
import type { RegistryCall, RegistryClient } from "../../registry/registry-client.js";
import type { CheckContext } from "../../run/check-context.js";
import { REF } from "../references.js";

const REDACTED = "********";
const HEADER = "X-Mcp-Contract-Probe";
const ENV = "MCP_CONTRACT_PROBE";
const MAX_LIST_PAGES = 10;

export const registrySecretsRedacted = registryCheck({
  id: "registry-secrets-redacted",
  title: "auth_token, custom header and env values read back as ******** and never appear in any response",
  reference: REF.registrySecrets,
  failureMeans:
    "Stored secrets (auth tokens, custom header values, env values) can be read back by anyone with read access, or leak in list pages, PATCH answers or error messages.",
  remedy:
    "Treat secrets as write-only: store them, and return every secret field as ******** in every response (create, retrieve, list, PATCH); never echo a submitted value in an error message or header.",
  async run(ctx, registry) {
    const secret = (label: string): string => `probe-${label}-${randomBytes(12).toString("hex")}`;
    const secrets = { token: secret("token"), header: secret("header"), patched: secret("patched"), env: secret("env"), invalid: secret("invalid") };
    const notes: string[] = [];

    const probe = await createProbe(ctx, registry, "secrets", { auth_header: "Authorization", auth_token: `Bearer ${secrets.token}`, custom_headers: { [HEADER]: secrets.header } });
    expectRedacted(ctx, probe.call, ["auth_token", `custom_headers/${HEADER}`], "the create answer");
    const got = await registry.call("retrieveMcpServer", { serverId: probe.id });
    expectStatus(ctx, got, [200], `GET ${probe.id}`);
    expectRedacted(ctx, got, ["auth_token", `custom_headers/${HEADER}`], "GET");
    if (!(await foundInList(ctx, registry, probe.id))) notes.push(`${probe.id} was not within the first ${MAX_LIST_PAGES} list pages; its list entry was not read`);

    const patched = await registry.call("updateMcpServer", { serverId: probe.id, body: { auth_token: `Bearer ${secrets.patched}`, custom_headers: { [HEADER]: secrets.patched } } });
    expectStatus(ctx, patched, [200], `PATCH ${probe.id} with a new auth_token`);
    expectRedacted(ctx, patched, ["auth_token", `custom_headers/${HEADER}`], "the PATCH answer");

    const stdio = await registry.call("createMcpServer", {
      body: { server_name: registry.uniqueName("secrets-env"), mcp_server_type: "stdio", command: "node", args: ["--version"], env: { [ENV]: secrets.env } },
    });
    if (stdio.status === 201) {
      expectRedacted(ctx, stdio, [`env/${ENV}`], "the stdio create answer");
      const id = String(objectBody(ctx, stdio, "the stdio create answer")["id"]);
      const env = await registry.call("retrieveMcpServer", { serverId: id });
      expectStatus(ctx, env, [200], `GET ${id}`);
      expectRedacted(ctx, env, [`env/${ENV}`], "GET of the stdio server");
    } else {
      notes.push(`creating a stdio server (command node) answered ${stdio.status ?? "nothing"}, so env values were not read back`);
    }

    await registry.call("createMcpServer", {
      body: { server_name: registry.uniqueName("secrets-bad"), mcp_server_type: "sse", server_url: "ftp://127.0.0.1:9/sse", auth_token: secrets.invalid },
    });

    for (const call of registry.calls) {
      const leaked = Object.entries(secrets).find(([, value]) => call.text.includes(value));
      if (leaked) {
        ctx.stop(`the ${leaked[0]} secret sent earlier appears in clear in the ${call.status} answer to ${call.operation.method} ${call.operation.path}`, ctx.evidence.exchange(call.exchange));
      }
    }
    return pass(`every secret read back as ${REDACTED} and none appeared in ${registry.calls.length} responses`, notes.length > 0 ? { notes } : undefined);
  },
});

/** Each `path` (slash-separated) of the call's JSON body is exactly the redacted marker. */
function expectRedacted(ctx: CheckContext, call: RegistryCall, paths: readonly string[], what: string): void {
  const body = objectBody(ctx, call, what);
  for (const path of paths) {
    let value: unknown = body;
    for (const key of path.split("/")) value = (value as Record<string, unknown> | null | undefined)?.[key];
    if (value !== REDACTED) {
      ctx.stop(`${what} has ${path} = ${JSON.stringify(value)}; a stored secret must read back as "${REDACTED}"`, ctx.evidence.exchange(call.exchange));
    }
  }
}

/** Reads list pages until the server shows up (its entry then checked), bounded. */
async function foundInList(ctx: CheckContext, registry: RegistryClient, serverId: string): Promise<boolean> {
  let after: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
    const call = await registry.call("listMcpServers", { query: { limit: "100", ...(after && { after }) } });
    expectStatus(ctx, call, [200], "GET the list");
    const servers = Array.isArray(call.json) ? (call.json as Record<string, unknown>[]) : [];
    const entry = servers.find((server) => server["id"] === serverId);
    if (entry) {
      const token = entry["auth_token"];
      const header = (entry["custom_headers"] as Record<string, unknown> | null | undefined)?.[HEADER];
      if (token !== REDACTED || header !== REDACTED) {
        ctx.stop(`the list entry of ${serverId} has auth_token ${JSON.stringify(token)} and ${HEADER} ${JSON.stringify(header)}; both must read "${REDACTED}"`, ctx.evidence.exchange(call.exchange));
      }
      return true;
    }
    const last = servers.at(-1)?.["id"];
    if (servers.length < 100 || typeof last !== "string") return false;
    after = last;
  }
  return false;
}
