/**
 * Finds out which MCP transport is behind a URL the way the specification tells clients to:
 * a modern request first, then `initialize`, then the HTTP+SSE `endpoint` event. Every step is
 * bounded in time and size, recorded as evidence, and cleaned up after (sessions deleted,
 * streams closed), so detection never harms the server it looks at.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#backwards-compatibility
 */
import type { Implementation } from "@mcp-contract/api-types";
import { connectionHeaders, type ConnectionOptions } from "../connection-options.js";
import { DEFAULT_CLIENT_INFO } from "../client-info.js";
import { LEGACY_PROTOCOL_VERSION, LEGACY_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSION } from "../protocol-versions.js";
import type { DetectedServer, Detection, DetectionStop } from "./detection-types.js";
import { deleteSession, probeInitialize, type InitializeVerdict } from "./initialize-probe.js";
import { probeModern } from "./modern-probe.js";
import type { ProbeStep, StepContext, StepExchange } from "./probe-step.js";
import { probeSseEndpoint } from "./sse-endpoint-probe.js";

export interface DetectOptions extends ConnectionOptions {
  /** Time bound of each step, request and answer together (default 3 s). */
  readonly timeoutMs?: number | undefined;
  /** The most of an answer's body a step reads (default 64 KiB). */
  readonly maxBodyBytes?: number | undefined;
  /** The most of a body a trace entry keeps (default 500 characters). */
  readonly maxExcerptChars?: number | undefined;
  /** Also send `initialize` to a modern server to learn whether it is dual-era (default true). */
  readonly probeDualEra?: boolean | undefined;
  /**
   * Go on to `initialize` and the HTTP+SSE `endpoint` event when the modern probe finds no modern
   * server (default true). False when the caller knows the older transport already (the runner on
   * a Celonis asset path, an HTTP+SSE stream that also takes POSTs) and asks only whether the URL
   * is modern too: detection then ends after that one step.
   */
  readonly probeLegacy?: boolean | undefined;
  /**
   * Keep the session a legacy `initialize` created, for the caller to go on with (it must then
   * send `notifications/initialized`, and DELETE it in the end). Default false: it is deleted.
   */
  readonly keepSession?: boolean | undefined;
  /** Who the probes say they are (default `@mcp-contract/client`). */
  readonly clientInfo?: Implementation | undefined;
  /** The revision of the modern request (default 2026-07-28). */
  readonly modernProtocolVersion?: string | undefined;
  /** The revision `initialize` asks for (default 2025-11-25). */
  readonly legacyProtocolVersion?: string | undefined;
  /** Aborts detection; the trace so far is kept. */
  readonly signal?: AbortSignal | undefined;
}

export const DEFAULT_DETECT_TIMEOUT_MS = 3_000;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_MAX_EXCERPT_CHARS = 500;

const AUTH_STATUSES = new Set([401, 403, 407]);

/** Why this exchange means no later step can help, if it does. */
function stopOf(exchange: StepExchange): DetectionStop | undefined {
  if (exchange.failureKind === "network") return "network";
  if (exchange.failureKind === "aborted") return "aborted";
  const status = exchange.response?.status;
  return status !== undefined && AUTH_STATUSES.has(status) ? "auth" : undefined;
}

function stepOutcome(step: ProbeStep): string {
  const request = `${step.request.method}${step.request.rpcMethod ? ` ${step.request.rpcMethod}` : ""}`;
  const head = step.status === undefined ? undefined : `${step.status}${step.headers["content-type"] ? ` ${step.headers["content-type"]}` : ""}`;
  // A head followed by a stall says both: what arrived, then what never did.
  const answer = head === undefined ? (step.failure ?? "no answer") : step.failure === undefined ? head : `${head}, then ${step.failure}`;
  return `${request} → ${answer} (${step.verdict})`;
}

function describeServer(server: DetectedServer): string {
  if (server.transport === "http+sse") return "an HTTP+SSE (2024-11-05) server";
  if (server.era === "legacy") {
    const session = server.sessionId === undefined ? "stateless" : "stateful";
    return `a ${session} Streamable HTTP server (${server.protocolVersion})`;
  }
  const dual = server.dualEra
    ? `; dual-era: initialize is served too, as ${server.legacyProtocolVersion ?? "a legacy revision"}`
    : server.dualEra === false
      ? "; modern only"
      : "";
  return `a modern Streamable HTTP server (${server.supportedVersions.join(", ") || "versions not listed"}${dual})`;
}

const STOP_WORDS: Record<DetectionStop, string> = {
  network: "nothing answered",
  timeout: "the server did not finish answering in time",
  auth: "the server wants credentials",
  aborted: "detection was aborted",
  unrecognised: "no step was answered the way any MCP transport answers",
};

/** Builds the one-line summary: what was found, or every step tried with its outcome. */
export function summarize(url: string, server: DetectedServer | undefined, stop: DetectionStop | undefined, trace: readonly ProbeStep[]): string {
  const tried = trace.map((step, i) => `${i + 1}. ${stepOutcome(step)}`).join("; ");
  if (server) return `${url} is ${describeServer(server)}. Steps: ${tried}.`;
  return `No MCP server recognised at ${url}: ${STOP_WORDS[stop ?? "unrecognised"]}. Tried: ${tried}.`;
}

/**
 * Detects the era and transport at `url`. Resolves with a {@link Detection} whatever the server
 * does (its `server` is undefined when nothing was recognised); throws only for a URL that is not
 * one.
 */
export async function detectEra(url: string | URL, options: DetectOptions = {}): Promise<Detection> {
  const target = new URL(url);
  const ctx: StepContext = {
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    timeoutMs: options.timeoutMs ?? DEFAULT_DETECT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxExcerptChars: options.maxExcerptChars ?? DEFAULT_MAX_EXCERPT_CHARS,
    signal: options.signal,
  };
  const headers = connectionHeaders(options);
  const clientInfo = { ...(options.clientInfo ?? DEFAULT_CLIENT_INFO) };
  const legacyVersion = options.legacyProtocolVersion ?? LEGACY_PROTOCOL_VERSION;
  const trace: ProbeStep[] = [];
  const done = (server: DetectedServer | undefined, stop?: DetectionStop): Detection => ({
    url: target.href,
    server,
    stop: server ? undefined : (stop ?? "unrecognised"),
    trace,
    summary: summarize(target.href, server, server ? undefined : (stop ?? "unrecognised"), trace),
  });
  const initialize = async (protocolVersion: string): Promise<InitializeVerdict & { stop?: DetectionStop }> => {
    const { exchange, verdict } = await probeInitialize(ctx, { url: target, headers, protocolVersion, clientInfo });
    trace.push(exchange.record(verdict.note));
    const stop = stopOf(exchange);
    return stop && !verdict.initialized ? { ...verdict, stop } : verdict;
  };
  const cleanUp = async (verdict: InitializeVerdict): Promise<void> => {
    if (!verdict.initialized || verdict.sessionId === undefined) return;
    const exchange = await deleteSession(ctx, target, headers, verdict.sessionId, verdict.protocolVersion);
    trace.push(exchange.record("ended the session this detection created"));
  };

  const modern = await probeModern(ctx, {
    url: target,
    headers,
    protocolVersion: options.modernProtocolVersion ?? MODERN_PROTOCOL_VERSION,
    clientInfo,
  });
  trace.push(modern.exchange.record(modern.verdict.note));
  // A first request left unanswered is one root cause: servers of every era answer it at once
  // (a modern result or error, a 2025 server's 4xx, an HTTP+SSE server's 404 or 405), so the
  // next steps would only wait out the same bound again.
  const modernStop = modern.exchange.failureKind === "timeout" ? "timeout" : stopOf(modern.exchange);
  if (modernStop) return done(undefined, modernStop);

  let legacyVersionToAsk = legacyVersion;
  if (modern.verdict.modern) {
    const verdict = modern.verdict;
    // A modern server that names only legacy revisions is served by the handshake instead.
    const legacyOffered = verdict.supportedVersions.filter((version) => LEGACY_PROTOCOL_VERSIONS.includes(version));
    if (!verdict.legacyOnlyOverlap || legacyOffered.length === 0) {
      let dualEra: boolean | undefined;
      let legacyProtocolVersion: string | undefined;
      if (options.probeDualEra ?? true) {
        const legacy = await initialize(legacyVersion);
        dualEra = legacy.initialized;
        if (legacy.initialized) legacyProtocolVersion = legacy.protocolVersion;
        await cleanUp(legacy);
      }
      return done({
        era: "modern",
        transport: "streamable-http",
        evidence: verdict.evidence,
        errorCode: verdict.errorCode,
        supportedVersions: verdict.supportedVersions,
        discoverResult: verdict.discoverResult,
        dualEra,
        legacyProtocolVersion,
      });
    }
    legacyVersionToAsk = legacyOffered.includes(legacyVersion) ? legacyVersion : (legacyOffered.at(-1) ?? legacyVersion);
  }
  if (options.probeLegacy === false) return done(undefined, "unrecognised");

  const legacy = await initialize(legacyVersionToAsk);
  if (legacy.initialized) {
    const keep = options.keepSession === true && legacy.sessionId !== undefined;
    if (!keep) await cleanUp(legacy);
    return done({
      era: "legacy",
      transport: "streamable-http",
      protocolVersion: legacy.protocolVersion,
      sessionId: legacy.sessionId,
      sessionKept: keep,
      initializeResult: legacy.initializeResult,
    });
  }
  if (legacy.stop) return done(undefined, legacy.stop);

  const sse = await probeSseEndpoint(ctx, target, headers);
  trace.push(sse.exchange.record(sse.verdict.note));
  if (sse.verdict.sse) return done({ era: "legacy", transport: "http+sse", endpoint: sse.verdict.endpoint });
  return done(undefined, stopOf(sse.exchange) ?? "unrecognised");
}
