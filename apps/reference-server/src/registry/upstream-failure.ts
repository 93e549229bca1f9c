/**
 * Why an upstream call failed, in words safe to show (secrets scrubbed, never a network
 * upstream's answer), and whether it was a timeout (504) or anything else (502). The routes and
 * the session tools both read it.
 */
import { JsonRpcError, McpTransportError } from "@mcp-contract/client";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { HttpError } from "../errors.js";
import { UpstreamAnswerTooLarge, UpstreamStreamEnded } from "./bounded-answer.js";
import { UpstreamHostRefused } from "./upstream-host-policy.js";

export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";

  constructor(
    readonly kind: "timeout" | "error",
    message: string,
    /** Whether the connection is unusable afterwards (and must be dropped from the cache). */
    readonly broken: boolean,
    options?: { cause?: unknown; logDetail?: string | undefined },
  ) {
    super(message, options);
    this.logDetail = options?.logDetail;
  }

  /** What the operator's log adds to the message (scrubbed): the reason a caller is not told. */
  readonly logDetail: string | undefined;

  /** The line for the server's log: the message, and the reason behind it when there is one. */
  get logLine(): string {
    return this.logDetail === undefined ? this.message : `${this.message} (${this.logDetail})`;
  }

  /** The 502 or 504 ApiError for the routes. */
  toHttpError(): HttpError {
    return this.kind === "timeout"
      ? new HttpError(504, "upstream_timeout", this.message)
      : new HttpError(502, "upstream_error", this.message);
  }
}

/** What toUpstreamFailure knows about the failed step. */
export interface FailureContext {
  readonly serverName: string;
  /** The step: `initialize`, `tools/list`, `tools/call`. */
  readonly what: string;
  readonly timeoutMs: number;
  readonly scrub: (text: string) => string;
  /** What a stdio child said last (its stderr). */
  readonly diagnostics?: string | undefined;
  /**
   * Whether the upstream is reached over the network (SSE, Streamable HTTP): then the caller is
   * told what failed in one sentence, never the target's answer nor why a socket failed (which
   * would tell closed, open and filtered ports apart); the reason goes to the log only.
   */
  readonly remote?: boolean | undefined;
  /** What the connection's guards stopped (a refused host, an oversize answer, the stream's end), if anything. */
  readonly guarded?: Error | undefined;
  /** The answer bound, to name it when an answer passed it. */
  readonly maxAnswerBytes?: number | undefined;
}

/** The longest JSON-RPC error message of an upstream passed on to the caller. */
const MAX_ERROR_MESSAGE = 300;

/**
 * Classifies whatever an SDK or `@mcp-contract/client` call threw: a refused host, an answer over
 * the bound, an event stream that ended, a timeout, a closed connection, a JSON-RPC error answer,
 * or a failure to reach the upstream.
 */
export function toUpstreamFailure(error: unknown, context: FailureContext): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  const { serverName, what, timeoutMs, scrub } = context;
  const upstream = `Upstream '${serverName}'`;
  const guarded = context.guarded ?? guardedIn(error);
  if (guarded instanceof UpstreamHostRefused) return new UpstreamFailure("error", `${upstream} was not contacted: ${guarded.message}`, true, { cause: error });
  const clientTooLarge = error instanceof McpTransportError && error.kind === "too-large";
  if (guarded instanceof UpstreamAnswerTooLarge || clientTooLarge) {
    const limit = guarded instanceof UpstreamAnswerTooLarge ? guarded.maxBytes : context.maxAnswerBytes;
    const message = `${upstream} answered ${what} with more than ${limit} bytes, the --max-upstream-answer-bytes limit: the answer was dropped.`;
    // The SDK's cut stream was the connection's; the client only dropped that one answer.
    return new UpstreamFailure("error", message, !clientTooLarge, { cause: error });
  }
  if (guarded instanceof UpstreamStreamEnded) {
    return new UpstreamFailure("error", `${upstream} failed: it closed its event stream during ${what}, before answering.`, true, {
      cause: error,
      logDetail: scrub(reasonOf(guarded)),
    });
  }
  const timedOut = (error instanceof McpError && error.code === ErrorCode.RequestTimeout) || (error instanceof McpTransportError && error.kind === "timeout");
  if (timedOut) {
    return new UpstreamFailure("timeout", scrub(`${upstream} did not answer ${what} within ${timeoutMs} ms.`), false);
  }
  const tail = context.diagnostics ? ` (last output: ${scrub(context.diagnostics)})` : "";
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
    return new UpstreamFailure("error", `${upstream} failed: the connection closed during ${what}${tail}.`, true, {
      cause: error,
    });
  }
  if (error instanceof McpError || error instanceof JsonRpcError) {
    // A JSON-RPC error answer: the upstream is alive, so the connection stays usable.
    const said = scrub(error.message);
    const shown = said.length > MAX_ERROR_MESSAGE ? `${said.slice(0, MAX_ERROR_MESSAGE)}…` : said;
    return new UpstreamFailure("error", `${upstream} answered ${what} with an error: ${shown}`, false);
  }
  const reason = scrub(reasonOf(error));
  // undici's "terminated": the body broke off; "stream-closed": it ended without the answer.
  const cutShort = (error instanceof TypeError && error.message === "terminated") || (error instanceof McpTransportError && error.kind === "stream-closed");
  if (context.remote && cutShort && what !== "initialize") {
    return new UpstreamFailure("error", `${upstream} failed: it closed the connection during ${what}, before answering.`, true, {
      cause: error,
      logDetail: reason,
    });
  }
  if (context.remote) {
    return new UpstreamFailure("error", `${upstream} failed during ${what}: could not reach the upstream server.`, true, {
      cause: error,
      logDetail: reason,
    });
  }
  return new UpstreamFailure("error", `${upstream} failed during ${what}: ${reason}${tail}`, true, { cause: error });
}

/** A guard's error among the error's causes (fetch wraps a refused connect as "fetch failed"). */
function guardedIn(error: unknown): Error | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof UpstreamHostRefused || current instanceof UpstreamAnswerTooLarge) return current;
    current = current.cause;
  }
  return undefined;
}

/**
 * The error's message and its causes' (fetch hides ECONNREFUSED in `cause`); for a failed era
 * detection, also what the upstream's last answer said (its 401 text, say). For a network
 * upstream this goes to the operator's log only; a stdio upstream's goes in the answer.
 */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (message && !parts.includes(message)) parts.push(message);
    current = current instanceof Error && current.cause instanceof Error ? current.cause : undefined;
  }
  const said = error instanceof McpTransportError ? error.trace?.at(-1)?.bodyExcerpt.trim() : undefined;
  if (said) parts.push(`it answered: ${said}`);
  return parts.join(": ") || "unknown error";
}
