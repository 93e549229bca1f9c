/**
 * A JSON-RPC POST body parsed, or the -32700 text saying why it is not JSON: one wording for every
 * MCP endpoint. Each transport answers the failure its own way (HTTP+SSE on the stream after a
 * 202, Celonis and OpenSearch as a 200 error body, Streamable HTTP as a 400), so this returns the
 * outcome instead of throwing.
 * @see https://www.jsonrpc.org/specification#error_object (-32700 Parse error)
 */
import { JSONRPC_ERROR } from "@mcp-contract/api-types";
import { HttpError } from "../errors.js";

export type ParsedBody = { readonly ok: true; readonly message: unknown } | { readonly ok: false; readonly parseError: string };

/** Parses the UTF-8 JSON of `body`. */
export function parseJsonRpcBody(body: Buffer): ParsedBody {
  try {
    return { ok: true, message: JSON.parse(body.toString("utf8")) as unknown };
  } catch (error) {
    return { ok: false, parseError: `Parse error: ${(error as Error).message}` };
  }
}

/** The Streamable HTTP answer to a body that is not JSON: 400 with -32700. */
export function parseErrorStatus(parseError: string): HttpError {
  return new HttpError(400, "parse_error", parseError, { rpcCode: JSONRPC_ERROR.PARSE_ERROR });
}
