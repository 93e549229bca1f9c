/**
 * Step 1: a modern request, `server/discover` with the 2026-07-28 headers and `_meta`. Only a
 * discover result (it carries `resultType`) or a recognised modern error proves a modern server:
 * a stateless 2025 server may answer any POST with a bare 2xx.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility
 */
import {
  META_CLIENT_CAPABILITIES,
  META_CLIENT_INFO,
  META_PROTOCOL_VERSION,
  MODERN_PROTOCOL_VERSIONS,
} from "../protocol-versions.js";
import { findAnswer, isAnswerEvent, isJsonObject, type JsonObject, type ProbeAnswer } from "./json-rpc-answer.js";
import { runStep, type StepContext, type StepExchange } from "./probe-step.js";

/** Error codes only a modern server sends in answer to a modern request. */
export const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([
  -32020, // HeaderMismatch
  -32021, // MissingRequiredClientCapability
  -32022, // UnsupportedProtocolVersion
  -32602, // Invalid params: a missing or malformed `_meta`
]);

const DISCOVER_ID = "mcp-contract-detect-discover";

export interface ModernProbeInit {
  readonly url: URL;
  readonly headers: Headers;
  readonly protocolVersion: string;
  readonly clientInfo: JsonObject;
}

export type ModernVerdict =
  | {
      readonly modern: true;
      readonly evidence: "discover-result" | "modern-error";
      readonly errorCode: number | undefined;
      readonly supportedVersions: readonly string[];
      readonly discoverResult: JsonObject | undefined;
      /** Its supported versions include none this client speaks in the modern era, but legacy ones. */
      readonly legacyOnlyOverlap: boolean;
      readonly note: string;
    }
  | { readonly modern: false; readonly note: string };

/** The headers and body of a 2026-07-28 `server/discover`. */
export function discoverRequest(init: ModernProbeInit): { headers: Headers; body: JsonObject } {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json, text/event-stream");
  headers.set("content-type", "application/json");
  headers.set("mcp-protocol-version", init.protocolVersion);
  headers.set("mcp-method", "server/discover");
  const _meta = {
    [META_PROTOCOL_VERSION]: init.protocolVersion,
    [META_CLIENT_INFO]: init.clientInfo,
    [META_CLIENT_CAPABILITIES]: {},
  };
  return { headers, body: { jsonrpc: "2.0", id: DISCOVER_ID, method: "server/discover", params: { _meta } } };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** What the answer says about the server's era. */
export function classifyModernAnswer(answer: ProbeAnswer | undefined, status: number | undefined): ModernVerdict {
  const result = answer?.result;
  if (result && typeof result["resultType"] === "string") {
    const supportedVersions = strings(result["supportedVersions"]);
    return {
      modern: true,
      evidence: "discover-result",
      errorCode: undefined,
      supportedVersions,
      discoverResult: result,
      legacyOnlyOverlap: false,
      note: `modern: a server/discover result with resultType "${result["resultType"]}"`,
    };
  }
  const error = answer?.error;
  if (error && MODERN_ERROR_CODES.has(error.code)) {
    const supportedVersions = isJsonObject(error.data) ? strings(error.data["supported"]) : [];
    const speaksModern = supportedVersions.some((version) => MODERN_PROTOCOL_VERSIONS.includes(version));
    return {
      modern: true,
      evidence: "modern-error",
      errorCode: error.code,
      supportedVersions,
      discoverResult: undefined,
      legacyOnlyOverlap: error.code === -32022 && supportedVersions.length > 0 && !speaksModern,
      note: `modern: a recognised modern error ${error.code}${supportedVersions.length ? ` (supported: ${supportedVersions.join(", ")})` : ""}`,
    };
  }
  if (status === undefined) return { modern: false, note: "no answer" };
  if (result) return { modern: false, note: `a ${status} result without resultType: not a modern answer` };
  if (error) return { modern: false, note: `a ${status} answer with error ${error.code}, which no modern server sends here` };
  return { modern: false, note: `a ${status} answer with no JSON-RPC response in it` };
}

/** Sends the modern request and reads its answer. */
export async function probeModern(ctx: StepContext, init: ModernProbeInit): Promise<{ exchange: StepExchange; verdict: ModernVerdict }> {
  const { headers, body } = discoverRequest(init);
  const exchange = await runStep(ctx, {
    name: "modern-discover",
    url: init.url,
    method: "POST",
    headers,
    body,
    rpcMethod: "server/discover",
    stopAt: isAnswerEvent(DISCOVER_ID),
  });
  const verdict = classifyModernAnswer(findAnswer(exchange.body, DISCOVER_ID), exchange.response?.status);
  return { exchange, verdict };
}
