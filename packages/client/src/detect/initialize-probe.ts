/**
 * Step 2: the 2025-era handshake, `initialize` without modern headers. A Streamable HTTP server of
 * 2025-03-26 … 2025-11-25 answers it (stateful ones with an `Mcp-Session-Id`); a dual-era server
 * answers it as well as the modern request. A session it creates is deleted unless the caller
 * keeps it.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { findAnswer, isAnswerEvent, type JsonObject } from "./json-rpc-answer.js";
import { runStep, type StepContext, type StepExchange } from "./probe-step.js";

const INITIALIZE_ID = "mcp-contract-detect-initialize";

export interface InitializeProbeInit {
  readonly url: URL;
  readonly headers: Headers;
  readonly protocolVersion: string;
  readonly clientInfo: JsonObject;
}

export type InitializeVerdict =
  | {
      readonly initialized: true;
      readonly protocolVersion: string;
      readonly sessionId: string | undefined;
      readonly initializeResult: JsonObject;
      readonly note: string;
    }
  | { readonly initialized: false; readonly note: string };

/** Sends `initialize` and reads its answer (JSON or SSE). */
export async function probeInitialize(
  ctx: StepContext,
  init: InitializeProbeInit,
): Promise<{ exchange: StepExchange; verdict: InitializeVerdict }> {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json, text/event-stream");
  headers.set("content-type", "application/json");
  const params = { protocolVersion: init.protocolVersion, capabilities: {}, clientInfo: init.clientInfo };
  const exchange = await runStep(ctx, {
    name: "initialize",
    url: init.url,
    method: "POST",
    headers,
    body: { jsonrpc: "2.0", id: INITIALIZE_ID, method: "initialize", params },
    rpcMethod: "initialize",
    stopAt: isAnswerEvent(INITIALIZE_ID),
  });
  const status = exchange.response?.status;
  const answer = findAnswer(exchange.body, INITIALIZE_ID);
  const result = answer?.result;
  const ok = status !== undefined && status >= 200 && status < 300;
  if (ok && result && typeof result["protocolVersion"] === "string") {
    const sessionId = exchange.response?.headers.get("mcp-session-id") ?? undefined;
    const protocolVersion = result["protocolVersion"];
    const session = sessionId === undefined ? "no session id (stateless)" : "a session id";
    return {
      exchange,
      verdict: {
        initialized: true,
        protocolVersion,
        sessionId,
        initializeResult: result,
        note: `Streamable HTTP (${protocolVersion}): an InitializeResult with ${session}`,
      },
    };
  }
  if (status === undefined) return { exchange, verdict: { initialized: false, note: "no answer" } };
  const what = answer?.error ? `error ${answer.error.code}` : result ? "a result without protocolVersion" : "no InitializeResult";
  return { exchange, verdict: { initialized: false, note: `a ${status} answer with ${what}` } };
}

/** Ends a session detection created: DELETE with its id. 2xx, 404 and 405 are all fine answers. */
export async function deleteSession(
  ctx: StepContext,
  url: URL,
  headers: Headers,
  sessionId: string,
  protocolVersion: string,
): Promise<StepExchange> {
  const deleteHeaders = new Headers(headers);
  deleteHeaders.set("mcp-session-id", sessionId);
  deleteHeaders.set("mcp-protocol-version", protocolVersion);
  return runStep(ctx, { name: "delete-session", url, method: "DELETE", headers: deleteHeaders });
}
