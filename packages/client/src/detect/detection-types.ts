/**
 * What era detection finds at a URL, and the record of how it found it.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility
 */
import type { ProbeStep } from "./probe-step.js";
import type { JsonObject } from "./json-rpc-answer.js";

/** A 2026-07-28 (per-request metadata) Streamable HTTP server. */
export interface ModernServer {
  readonly era: "modern";
  readonly transport: "streamable-http";
  /** How it showed it is modern: a `server/discover` result, or a recognised modern error. */
  readonly evidence: "discover-result" | "modern-error";
  /** The modern error code that showed it, for `evidence: "modern-error"`. */
  readonly errorCode: number | undefined;
  /** `supportedVersions` of the discover result, or `data.supported` of an UnsupportedProtocolVersionError. */
  readonly supportedVersions: readonly string[];
  /** The `server/discover` result as received (checked to be an object with `resultType`). */
  readonly discoverResult: JsonObject | undefined;
  /** Whether it also answers `initialize` (serves 2025 clients too); undefined when not probed. */
  readonly dualEra: boolean | undefined;
  /** The legacy revision it negotiated when probed with `initialize`. */
  readonly legacyProtocolVersion: string | undefined;
}

/** A 2025-era (2025-03-26 … 2025-11-25) Streamable HTTP server: `initialize`, then an optional session. */
export interface LegacyStreamableServer {
  readonly era: "legacy";
  readonly transport: "streamable-http";
  /** The revision the server chose in its InitializeResult. */
  readonly protocolVersion: string;
  /** The `Mcp-Session-Id` it assigned; undefined for a stateless server. */
  readonly sessionId: string | undefined;
  /** Set when detection kept the session for the caller (`keepSession`): it is still open. */
  readonly sessionKept: boolean;
  /** The InitializeResult as received (checked to carry a string `protocolVersion`). */
  readonly initializeResult: JsonObject;
}

/** A 2024-11-05 HTTP+SSE server: a GET stream whose first event is `endpoint`. */
export interface SseServer {
  readonly era: "legacy";
  readonly transport: "http+sse";
  /** The `endpoint` event's data, as sent. */
  readonly endpoint: string;
}

export type DetectedServer = ModernServer | LegacyStreamableServer | SseServer;

/** Why detection stopped without finding a server. */
export type DetectionStop =
  /** No HTTP answer at all (refused port, DNS, TLS): every other step would fail the same way. */
  | "network"
  /**
   * The first step got no complete answer within its bound (the port is open, nothing came back,
   * or the answer stalled): every later step would wait out the same bound for nothing.
   */
  | "timeout"
  /** 401, 403 or 407: the server wants credentials; see the step's `www-authenticate`. */
  | "auth"
  /** The caller's signal fired. */
  | "aborted"
  /** Every step was tried and none was answered in a way MCP defines. */
  | "unrecognised";

/** The outcome of `detectEra`: what was found (or why nothing was), and every step's evidence. */
export interface Detection {
  readonly url: string;
  readonly server: DetectedServer | undefined;
  /** Set when `server` is undefined. */
  readonly stop: DetectionStop | undefined;
  readonly trace: readonly ProbeStep[];
  /** One sentence: what was found, or what was tried with each step's outcome. */
  readonly summary: string;
}
