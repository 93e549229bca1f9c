/**
 * The reference server's settings, with the embedded defaults `npm start` runs on. Parsed from
 * flags and env by parse-config.ts; tests pass a partial object to createApp instead.
 */

/** Everything the app and its listener are configured with. */
export interface ServerConfig {
  /** Interface to listen on. Loopback by default: the server has no auth unless configured. */
  readonly host: string;
  /** TCP port; 0 picks any free port (printed once listening). */
  readonly port: number;
  /** `X-API-Key` values accepted on every MCP endpoint and registry reads. */
  readonly apiKeys: readonly string[];
  /** `Authorization: Bearer` tokens (the Celonis seed's credential) accepted like API keys. */
  readonly bearerTokens: readonly string[];
  /**
   * Operator tokens (`Authorization: Bearer`): the only credential that writes the registry and runs
   * its tools directly; also opens every MCP endpoint. Empty = the registry is read-only.
   */
  readonly adminTokens: readonly string[];
  /** Origins allowed besides loopback ones (`http://app.example:3000`), or `*` for any. */
  readonly allowedOrigins: readonly string[];
  /** Interval of the `: keep-alive` comment on every open stream. */
  readonly keepAliveMs: number;
  /** A request whose headers have not all arrived this long after it began gets 408 (slow headers). */
  readonly headersTimeoutMs: number;
  /** A request not wholly received (headers and body) this long after it began gets 408 (slow body). */
  readonly requestTimeoutMs: number;
  /** Lifetime of a Celonis asset stream (the seed documents 60 s). */
  readonly celonisStreamMs: number;
  /** `tools/call` per minute per Celonis asset and per SSE session; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** At most this many messages in one JSON-RPC batch; more is one -32600 and none of them runs. */
  readonly maxBatchMessages: number;
  /** At most this many bytes of answers to one batch; a batch whose answers add up to more gets one -32600. */
  readonly maxBatchAnswerBytes: number;
  /** Tools per `tools/list` page. */
  readonly pageSize: number;
  /** A Streamable HTTP session unused this long (no request, no stream attached) is ended. */
  readonly sessionIdleMs: number;
  /** At most this many Streamable HTTP sessions; a new one past it ends the least recently used. */
  readonly maxSessions: number;
  /** Which eras `/mcp` serves: 2026-07-28 per request, 2025 sessions, or both (the vendor paths follow their vendors). */
  readonly eras: McpEras;
}

/** The `--eras` choices. */
export type McpEras = "both" | "modern" | "legacy";

/** The embedded defaults. Port 8090 is the Spice runtime's documented local port. */
export const DEFAULT_CONFIG: ServerConfig = {
  host: "127.0.0.1",
  port: 8090,
  apiKeys: [],
  bearerTokens: [],
  adminTokens: [],
  allowedOrigins: [],
  keepAliveMs: 15_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  celonisStreamMs: 60_000,
  rateLimitPerMinute: 500,
  pageSize: 50,
  maxBatchMessages: 100,
  maxBatchAnswerBytes: 4 * 1024 * 1024,
  sessionIdleMs: 10 * 60_000,
  maxSessions: 10_000,
  eras: "both",
};
