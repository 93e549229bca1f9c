/**
 * Builds the SDK client transport for a stored stdio or SSE server: a spawned command for stdio
 * (with a minimal inherited environment), or SSE with the server's credentials as headers.
 * Streamable HTTP upstreams are reached by `@mcp-contract/client` instead (upstream-connect.ts).
 */
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { StdioAllowlist } from "./stdio-allowlist.js";
import type { StoredServer } from "./stored-server.js";

/** How much of a stdio child's stderr is kept to explain a crash. */
const STDERR_TAIL_BYTES = 2048;

export interface UpstreamTransport {
  readonly transport: Transport;
  /** The end of a stdio child's stderr (empty for HTTP upstreams), to explain a failure. */
  diagnostics(): string;
  /** The stdio child's pid once spawned, for logs. */
  pid(): number | null;
}

export interface TransportPolicy {
  /** Decides, at every spawn, what a stdio server runs (it throws the 403 when it may not). */
  readonly stdio: StdioAllowlist;
}

export function createUpstreamTransport(server: StoredServer, policy: TransportPolicy): UpstreamTransport {
  if (server.mcp_server_type === "stdio") {
    // Judged again at every spawn: the allowlist may have changed since the server was registered.
    const launch = policy.stdio.launch(server.command, server.args, server.env);
    const transport = new StdioClientTransport({
      command: launch.command,
      args: [...launch.args],
      cwd: launch.cwd,
      // Only PATH, HOME and the like are inherited: the gateway's own environment (its tokens)
      // must not leak into a third-party program.
      env: { ...getDefaultEnvironment(), ...server.env },
      // Piped, not inherited: the child's stderr may print its env secrets, so it is kept in a
      // small buffer for error messages (scrubbed there) instead of reaching the gateway's log.
      stderr: "pipe",
    });
    let tail = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-STDERR_TAIL_BYTES);
    });
    return { transport, diagnostics: () => tail.trim(), pid: () => transport.pid };
  }
  const url = new URL(server.server_url);
  const transport = new SSEClientTransport(url, { requestInit: { headers: upstreamHeaders(server) } });
  return { transport, diagnostics: () => "", pid: () => null };
}

/**
 * The headers of every upstream request: the custom headers, then the credential. With
 * `auth_header` the token goes there as is; without it, as `Authorization: Bearer <token>`
 * (unless the token already says `Bearer `).
 */
export function upstreamHeaders(server: StoredServer): Record<string, string> {
  if (server.mcp_server_type === "stdio") return {};
  const headers: Record<string, string> = { ...server.custom_headers };
  const token = server.auth_token;
  if (token === undefined) return headers;
  const name = server.auth_header ?? "Authorization";
  // The credential wins over a custom header of the same name (in any case), never joins it.
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = server.auth_header !== undefined || /^Bearer /i.test(token) ? token : `Bearer ${token}`;
  return headers;
}
