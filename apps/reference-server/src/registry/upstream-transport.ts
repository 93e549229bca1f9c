/**
 * Builds the SDK client transport for a stored stdio or SSE server: a spawned command for stdio
 * (with a minimal inherited environment), or SSE with the server's credentials as headers over
 * the guarded fetch (guarded-fetch.ts). Streamable HTTP upstreams are reached by
 * `@mcp-contract/client` instead (upstream-connect.ts).
 */
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { AnswerBounds } from "./bounded-answer.js";
import { createGuardedFetch } from "./guarded-fetch.js";
import type { StdioAllowlist } from "./stdio-allowlist.js";
import type { StoredServer } from "./stored-server.js";
import type { UpstreamHostPolicy } from "./upstream-host-policy.js";

/** How much of a stdio child's stderr is kept to explain a crash. */
const STDERR_TAIL_BYTES = 2048;

export interface UpstreamTransport {
  readonly transport: Transport;
  /** The end of a stdio child's stderr (empty for HTTP upstreams), to explain a failure. */
  diagnostics(): string;
  /** The stdio child's pid once spawned, for logs. */
  pid(): number | null;
  /** The host policy's refusal of the last connect it refused (SSE upstreams). */
  refusal(): Error | undefined;
  /** Whether the upstream is reached over the network. */
  readonly remote: boolean;
  /** Releases what the transport holds besides itself (the SSE upstream's sockets). */
  release(): Promise<void>;
}

export interface TransportPolicy {
  /** Decides, at every spawn, what a stdio server runs (it throws the 403 when it may not). */
  readonly stdio: StdioAllowlist;
  /** Decides, at every connect, which hosts an HTTP upstream may be reached at. */
  readonly hosts: UpstreamHostPolicy;
  /** The largest upstream answer (or event of its stream) read, in bytes. */
  readonly maxAnswerBytes: number;
}

/**
 * `onStreamEnd` hears when an SSE upstream's event stream ends, breaks or passes the answer bound,
 * so the connection can fail its calls at once instead of at their timeout.
 */
export function createUpstreamTransport(server: StoredServer, policy: TransportPolicy, onStreamEnd: AnswerBounds["onStreamEnd"]): UpstreamTransport {
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
    const none = async (): Promise<void> => undefined;
    return { transport, diagnostics: () => tail.trim(), pid: () => transport.pid, refusal: () => undefined, remote: false, release: none };
  }
  const url = new URL(server.server_url);
  const guarded = createGuardedFetch(policy.hosts, { maxBytes: policy.maxAnswerBytes, onStreamEnd });
  const transport = new SSEClientTransport(url, { requestInit: { headers: upstreamHeaders(server) }, fetch: guarded.sdkFetch });
  return { transport, diagnostics: () => "", pid: () => null, refusal: guarded.refusal, remote: true, release: guarded.close };
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
