/**
 * JSON-RPC 2.0 over a parsed body: one message or a batch, answered through the context. Ids are
 * echoed unchanged, notifications and client responses get no answer, and a handler failure
 * becomes -32603 with no details (they go to the log).
 * @see https://www.jsonrpc.org/specification and openapi/components/jsonrpc.yaml
 */
import {
  BATCH_PROTOCOL_VERSIONS,
  JSONRPC_ERROR,
  type JSONRPCErrorResponse,
  type JSONRPCRequest,
  type MessageComponents,
  type RequestId,
  type ServerMessage,
} from "@mcp-contract/api-types";
import type { Logger } from "../errors.js";
import { DeliberateToolFailure, InvalidToolArgumentsError } from "../tools/tool-source.js";
import { classify } from "./envelope.js";
import type { RpcContext } from "./rpc-context.js";
import { errorResponse, RequestCancelled, RpcError } from "./rpc-error.js";

type ServerResult = MessageComponents["schemas"]["ServerResult"];
type ServerResultResponse = MessageComponents["schemas"]["ServerResultResponse"];
type Answer = ServerResultResponse | JSONRPCErrorResponse;
type Params = Record<string, unknown> | undefined;

/**
 * Answers one request method, synchronously or with a promise; throw (or reject with) RpcError
 * for a deliberate JSON-RPC error.
 */
export type MethodHandler = (params: Params, context: RpcContext, id: RequestId) => ServerResult | Promise<ServerResult>;

/** Handles one notification method; it is never answered. */
export type NotificationHandler = (params: Params, context: RpcContext) => void;

/**
 * The most messages one batch may hold unless configured otherwise. Every entry may start a tool
 * call and adds an answer, so an unbounded batch lets one POST block the server and fill its
 * memory (issue 11, finding 4: 20,000 entries blocked it for 8.8 s and answered 46 MB).
 */
export const DEFAULT_MAX_BATCH_MESSAGES = 100;

/** The answers to one batch add up to at most this many bytes unless configured otherwise: the body limit. */
export const DEFAULT_MAX_BATCH_ANSWER_BYTES = 4 * 1024 * 1024;

export class Dispatcher {
  constructor(
    private readonly methods: ReadonlyMap<string, MethodHandler>,
    private readonly notifications: ReadonlyMap<string, NotificationHandler>,
    private readonly log: Logger,
    private readonly maxBatchMessages = DEFAULT_MAX_BATCH_MESSAGES,
    /** The most bytes the answers to one batch may add up to (a page of tools each is enough to flood a client). */
    private readonly maxBatchAnswerBytes = DEFAULT_MAX_BATCH_ANSWER_BYTES,
  ) {}

  /**
   * Why a batch of `count` messages is refused whole, or undefined when its size is allowed; for a
   * transport that must answer before it dispatches (a legacy 202 for notifications only).
   */
  batchTooLarge(count: number): string | undefined {
    return count > this.maxBatchMessages ? `the batch holds ${count} messages; at most ${this.maxBatchMessages} are allowed in one batch. Split it.` : undefined;
  }

  /**
   * Handles `body` and passes the answer (or undefined) to `context.reply`. Never throws. A
   * handler that answers synchronously is answered synchronously: no promise is made for it.
   */
  dispatch(body: unknown, context: RpcContext): void {
    let answer: ServerMessage | undefined | Promise<ServerMessage | undefined>;
    try {
      answer = Array.isArray(body) ? this.batch(body, context) : this.one(body, context, false);
    } catch (error) {
      answer = this.crashed(error);
    }
    this.answer(answer, context);
  }

  /**
   * dispatch for one request its transport has already classified (2026-07-28 validates the
   * envelope before its headers), so the hot path checks the envelope once, not twice.
   */
  dispatchRequest(message: JSONRPCRequest, context: RpcContext): void {
    let answer: ServerMessage | undefined | Promise<ServerMessage | undefined>;
    try {
      answer = this.request(message, context, false);
    } catch (error) {
      answer = this.crashed(error);
    }
    this.answer(answer, context);
  }

  private answer(answer: ServerMessage | undefined | Promise<ServerMessage | undefined>, context: RpcContext): void {
    if (answer instanceof Promise) void this.deliverLater(answer, context);
    else this.deliver(answer, context);
  }

  private async deliverLater(pending: Promise<ServerMessage | undefined>, context: RpcContext): Promise<void> {
    let answer: ServerMessage | undefined;
    try {
      answer = await pending;
    } catch (error) {
      answer = this.crashed(error);
    }
    this.deliver(answer, context);
  }

  private deliver(answer: ServerMessage | undefined, context: RpcContext): void {
    try {
      context.reply(answer);
    } catch (error) {
      this.log(`Could not deliver a JSON-RPC answer: ${describe(error)}`);
    }
  }

  private crashed(error: unknown): JSONRPCErrorResponse {
    this.log(`JSON-RPC dispatch failed: ${describe(error)}`);
    return errorResponse(null, JSONRPC_ERROR.INTERNAL_ERROR, "Internal error");
  }

  private batch(items: unknown[], context: RpcContext): ServerMessage | undefined | Promise<ServerMessage | undefined> {
    if (items.length === 0) {
      return errorResponse(null, JSONRPC_ERROR.INVALID_REQUEST, "Invalid Request: the batch is empty; send at least one message.");
    }
    const tooLarge = this.batchTooLarge(items.length);
    if (tooLarge) {
      // Refused whole, before any entry is looked at: nothing runs, and the answer stays small.
      return errorResponse(null, JSONRPC_ERROR.INVALID_REQUEST, `Invalid Request: ${tooLarge}`);
    }
    const version = context.protocolVersion;
    if (version !== undefined && !BATCH_PROTOCOL_VERSIONS.includes(version)) {
      return errorResponse(
        null,
        JSONRPC_ERROR.INVALID_REQUEST,
        `Invalid Request: JSON-RPC batches are not allowed in protocol ${version}; send one message per POST.`,
      );
    }
    return Promise.all(items.map((item) => this.one(item, context, true))).then((answers) => {
      const sent = answers.filter((answer): answer is Answer => answer !== undefined);
      if (sent.length === 0) return undefined;
      const bytes = Buffer.byteLength(JSON.stringify(sent));
      if (bytes <= this.maxBatchAnswerBytes) return sent;
      // The entries ran (their answers are what is too big); the client learns the bound and splits.
      return errorResponse(
        null,
        JSONRPC_ERROR.INVALID_REQUEST,
        `Invalid Request: the answers to this batch add up to ${bytes} bytes, more than the ${this.maxBatchAnswerBytes} one batch may be answered with; its requests ran, but their answers are not sent. Send fewer requests per batch.`,
      );
    });
  }

  private one(value: unknown, context: RpcContext, inBatch: boolean): Answer | undefined | Promise<Answer | undefined> {
    const envelope = classify(value);
    switch (envelope.kind) {
      case "invalid":
        return errorResponse(envelope.id, JSONRPC_ERROR.INVALID_REQUEST, `Invalid Request: ${envelope.reason}`);
      case "response":
        // Answers to server requests; this server sends none that need one, so they are dropped.
        return undefined;
      case "notification": {
        const handler = this.notifications.get(envelope.message.method);
        if (handler) {
          try {
            handler(envelope.message.params, context);
          } catch (error) {
            this.log(`Notification ${envelope.message.method} failed: ${describe(error)}`);
          }
        }
        return undefined;
      }
      case "request":
        return this.request(envelope.message, context, inBatch);
    }
  }

  private request(message: JSONRPCRequest, context: RpcContext, inBatch: boolean): Answer | undefined | Promise<Answer | undefined> {
    const { id, method, params } = message;
    if (inBatch && method === "initialize") {
      return errorResponse(id, JSONRPC_ERROR.INVALID_REQUEST, "Invalid Request: initialize must not be part of a batch; send it alone.");
    }
    const handler = this.methods.get(method);
    if (!handler) return errorResponse(id, JSONRPC_ERROR.METHOD_NOT_FOUND, `Method not found: ${method}`);
    let result: ServerResult | Promise<ServerResult>;
    try {
      result = handler(params, context, id);
    } catch (error) {
      return this.failed(id, method, error);
    }
    if (result instanceof Promise) return this.settle(id, method, result);
    return { jsonrpc: "2.0", id, result };
  }

  private async settle(id: RequestId, method: string, pending: Promise<ServerResult>): Promise<Answer | undefined> {
    try {
      return { jsonrpc: "2.0", id, result: await pending };
    } catch (error) {
      return this.failed(id, method, error);
    }
  }

  private failed(id: RequestId, method: string, error: unknown): JSONRPCErrorResponse | undefined {
    // The peer said it no longer wants the answer (MCP cancellation): send none.
    if (error instanceof RequestCancelled) return undefined;
    if (error instanceof RpcError) return errorResponse(id, error.code, error.message, error.data);
    if (error instanceof InvalidToolArgumentsError) {
      return errorResponse(id, JSONRPC_ERROR.INVALID_PARAMS, error.message, { field: error.field });
    }
    this.log(`${method} failed: ${describe(error)}`);
    return errorResponse(id, JSONRPC_ERROR.INTERNAL_ERROR, "Internal error");
  }
}

function describe(error: unknown): string {
  if (error instanceof DeliberateToolFailure) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
