/**
 * Judging a JSON-RPC error answer on Streamable HTTP: the error's code and id, and the HTTP
 * status, which only some rules of some revisions fix (the rest is reported, not judged).
 * @see https://www.jsonrpc.org/specification#error_object
 */
import { fail, pass, warn, type Verdict } from "../check.js";
import type { CheckContext } from "../run/check-context.js";
import type { Exchange } from "../wire/http-exchange.js";
import { describe, isObject, messagesOf, type JsonObject } from "./streamable-exchange.js";
import { deviationFor } from "../run/profile-deviations.js";

export interface ErrorExpectation {
  readonly code: number;
  /** The ids the error may bear (null where the id could not be read). */
  readonly ids: readonly (number | string | null)[];
  /** The HTTP status a revision requires, if one does. */
  readonly status?: number;
  /** Input the server cannot accept: a 2xx with the error is a warning (the transport's "HTTP error status"). */
  readonly errorStatusExpected?: boolean;
  readonly note: string;
}

/** The verdict on `exchange` as the answer to a probe expecting `want`. */
export function judgeError(ctx: CheckContext, exchange: Exchange, want: ErrorExpectation): Verdict {
  const evidence = ctx.evidence.exchange(exchange, [want.note]);
  const status = exchange.response?.status;
  if (status === undefined) return fail(`no answer: ${describe(exchange)}`, evidence);
  const errors = messagesOf(exchange).filter((m): m is JsonObject => isObject(m) && isObject(m["error"]));
  const error = errors[0];
  if (!error) {
    if (want.errorStatusExpected && status >= 400) return warn(`refused with ${describe(exchange)} but no JSON-RPC error ${want.code} a client could read`, evidence);
    return fail(`got ${describe(exchange)} with no JSON-RPC error; want ${want.code}`, evidence);
  }
  const code = (error["error"] as JsonObject)["code"];
  if (code !== want.code) return fail(`the JSON-RPC error code is ${JSON.stringify(code)}, not ${want.code} (HTTP ${status})`, evidence);
  if (!want.ids.includes(error["id"] as number | string | null)) {
    return fail(`the error's id is ${JSON.stringify(error["id"])}; want ${want.ids.map((id) => JSON.stringify(id)).join(" or ")}`, evidence);
  }
  if (want.status !== undefined && status !== want.status) {
    const seen = `${want.code} came with HTTP ${status}, not ${want.status}`;
    return (status === 200 ? deviationFor(ctx, "opensearch-errors-in-200", seen, evidence) : undefined) ?? fail(seen, evidence);
  }
  if (want.errorStatusExpected && status < 400) {
    const seen = `${want.code} came with HTTP ${status}`;
    return deviationFor(ctx, "opensearch-errors-in-200", seen, evidence) ?? warn(`${seen}: input the server does not accept gets an HTTP error status (e.g. 400)`, evidence);
  }
  return pass(`${want.code}, id ${JSON.stringify(error["id"])}, HTTP ${status}`, evidence);
}
