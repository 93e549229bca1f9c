/**
 * The error a peer sent back on the wire: a JSON-RPC error response to one of our requests.
 * @see https://www.jsonrpc.org/specification#error_object
 */
import type { JSONRPCErrorObject, JSONRPCErrorResponse } from "@mcp-contract/api-types";

/**
 * A JSON-RPC error answer, carrying the wire's `code`, `message` and `data` unchanged. Kept apart
 * from {@link McpTransportError}: this one crossed the wire, that one never does.
 */
export class JsonRpcError extends Error {
  override readonly name = "JsonRpcError";
  /**
   * The wire's error code. Typed as a number, not the contract's enum, because other servers
   * (the MCP SDK among them) send codes this contract does not use, such as -32001.
   */
  readonly code: number;
  readonly data: JSONRPCErrorObject["data"];
  /**
   * The HTTP status it came with, when it was the body of a non-2xx answer (Streamable HTTP puts
   * protocol errors such as -32022 in a 400, and -32601 in a 404); undefined on a stream or a 200.
   */
  readonly httpStatus: number | undefined;

  /** `cause` is the whole error response, so the raw message stays available. */
  constructor(response: JSONRPCErrorResponse, options: { readonly httpStatus?: number | undefined } = {}) {
    super(response.error.message, { cause: response });
    this.code = response.error.code;
    this.data = response.error.data;
    this.httpStatus = options.httpStatus;
  }
}
