/**
 * Why an upstream call failed, in words safe to show (secrets scrubbed), and whether it was a
 * timeout (504) or anything else (502). The routes and the session tools both read it.
 */
import { JsonRpcError, McpTransportError } from "@mcp-contract/client";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { HttpError } from "../errors.js";

export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";

  constructor(
    readonly kind: "timeout" | "error",
    message: string,
    /** Whether the connection is unusable afterwards (and must be dropped from the cache). */
    readonly broken: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The 502 or 504 ApiError for the routes. */
  toHttpError(): HttpError {
    return this.kind === "timeout"
      ? new HttpError(504, "upstream_timeout", this.message)
      : new HttpError(502, "upstream_error", this.message);
  }
}

/**
 * Classifies whatever an SDK or `@mcp-contract/client` call threw. `what` names the step (`tools/list`), `scrub` cleans the
 * text, and `diagnostics` adds what the upstream said last (a stdio child's stderr).
 */
export function toUpstreamFailure(
  error: unknown,
  context: { serverName: string; what: string; timeoutMs: number; scrub: (text: string) => string; diagnostics?: string },
): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  const { serverName, what, timeoutMs, scrub } = context;
  const upstream = `Upstream '${serverName}'`;
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
    return new UpstreamFailure("error", scrub(`${upstream} answered ${what} with an error: ${error.message}`), false);
  }
  return new UpstreamFailure("error", `${upstream} failed during ${what}: ${scrub(reasonOf(error))}${tail}`, true, {
    cause: error,
  });
}

/**
 * The error's message and its causes' (fetch hides ECONNREFUSED in `cause`); for a failed era
 * detection, also what the upstream's last answer said (its 401 text, say).
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
