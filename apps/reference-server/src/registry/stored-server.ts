/**
 * A registered server as the registry holds it (secrets in clear, needed for upstream calls) and
 * its read model (secrets redacted), which is the only form that ever leaves the registry.
 */
import type { CreateMcpServerRequest, McpServer } from "@mcp-contract/api-types";

/** The server's metadata, as the read model spells it. */
export type ServerMeta = Pick<McpServer, "id" | "created_at" | "updated_at" | "last_refreshed_at">;

/** A server as stored: its create fields, secrets in clear, plus metadata. Never send this out. */
export type StoredServer = CreateMcpServerRequest & ServerMeta;

/** What a secret reads as (the spec's RedactedSecret). */
export const REDACTED = "********" as const;

/** The read model: every secret replaced by `********`, absent optional fields as `null`. */
export function toMcpServer(server: StoredServer): McpServer {
  const { id, server_name, created_at, updated_at, last_refreshed_at } = server;
  const times = { created_at, updated_at, last_refreshed_at };
  if (server.mcp_server_type === "stdio") {
    const { command, args, env } = server;
    return { id, server_name, mcp_server_type: "stdio", command, args: [...args], env: redactMap(env), ...times };
  }
  const remote = {
    server_url: server.server_url,
    auth_header: server.auth_header ?? null,
    auth_token: server.auth_token === undefined ? null : REDACTED,
    custom_headers: redactMap(server.custom_headers),
    ...times,
  };
  return server.mcp_server_type === "sse"
    ? { id, server_name, mcp_server_type: "sse", ...remote }
    : { id, server_name, mcp_server_type: "streamable_http", ...remote };
}

/** Every secret value of the server, to scrub from error messages and logs. */
export function secretsOf(server: StoredServer): string[] {
  if (server.mcp_server_type === "stdio") return Object.values(server.env ?? {});
  return [
    ...(server.auth_token === undefined ? [] : [server.auth_token]),
    ...Object.values(server.custom_headers ?? {}),
  ];
}

function redactMap(map: Readonly<Record<string, string>> | undefined): Record<string, typeof REDACTED> | null {
  if (map === undefined) return null;
  return Object.fromEntries(Object.keys(map).map((key) => [key, REDACTED]));
}
