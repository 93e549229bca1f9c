/**
 * `subscriptions/listen` (2026-07-28): a POST whose answer is a long-lived SSE stream of the change
 * notifications the client opted in to. The first message is `notifications/subscriptions/acknowledged`
 * with the filter the server agreed to honour (here `toolsListChanged` only: this server has no
 * prompts or resources), then `notifications/tools/list_changed` whenever a tool source changes.
 * Every message carries `_meta["io.modelcontextprotocol/subscriptionId"]`, the listen request's id.
 * The client ends a subscription by closing the stream; the server ends them all on shutdown with
 * the listen request's own result, the spec's graceful closure.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions
 */
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { JSONRPC_ERROR, META_KEY, type RequestId, type ServerMessage } from "@mcp-contract/api-types";
import type { ToolCatalog } from "../mcp/tool-catalog.js";
import { SERVER_INFO } from "../mcp/mcp-methods.js";
import type { KeepAlive } from "../sse/keep-alive.js";
import { SseChannel } from "../sse/sse-channel.js";
import { STREAM_HEADERS } from "../sse/sse-format.js";
import type { Acceptable } from "../streamable/legacy-headers.js";
import { ModernRejection } from "./modern-rejection.js";

/** The `_meta` key that ties a message to its subscription. */
const SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

/** The filter fields this server can honour; the others are left out of the acknowledgement. */
interface HonouredFilter {
  toolsListChanged?: true;
}

interface OpenStream {
  readonly id: RequestId;
  readonly channel: SseChannel;
  readonly stop: () => void;
}

/** Emits `open` and `close` each time a subscription starts or ends (tests wait on them). */
export class ListenStreams extends EventEmitter {
  private readonly streams = new Set<OpenStream>();

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly keepAlive: KeepAlive,
  ) {
    super();
  }

  /** How many subscriptions are open (tests wait on it). */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Opens the stream answering listen request `id`; throws ModernRejection for a filter that is
   * not an object or a client that cannot read a stream.
   */
  open(res: ServerResponse, id: RequestId, params: Readonly<Record<string, unknown>> | undefined, accept: Acceptable): void {
    if (!accept.sse) {
      throw new ModernRejection(
        400,
        JSONRPC_ERROR.INVALID_REQUEST,
        "Invalid Request: subscriptions/listen is answered with a long-lived text/event-stream; send Accept: application/json, text/event-stream, as every 2026-07-28 request must.",
        id,
      );
    }
    const honoured = honouredFilter(params?.["notifications"], id);
    const channel = new SseChannel(res);
    channel.start(STREAM_HEADERS);
    const meta = { [SUBSCRIPTION_ID]: id };
    channel.send({ jsonrpc: "2.0", method: "notifications/subscriptions/acknowledged", params: { _meta: meta, notifications: honoured } } as ServerMessage);
    const unwatch = honoured.toolsListChanged
      ? this.catalog.watch(() => channel.send({ jsonrpc: "2.0", method: "notifications/tools/list_changed", params: { _meta: meta } } as ServerMessage))
      : () => {};
    const stream: OpenStream = {
      id,
      channel,
      stop: () => {
        if (!this.streams.delete(stream)) return;
        unwatch();
        this.keepAlive.delete(channel);
        this.emit("close");
      },
    };
    this.streams.add(stream);
    this.keepAlive.add(channel);
    this.emit("open");
    // The client closing the stream is how a subscription ends on HTTP.
    res.once("close", stream.stop);
  }

  /** Ends every subscription gracefully: the listen request's result, then the end of the stream. */
  closeAll(): void {
    for (const stream of [...this.streams]) {
      stream.stop();
      stream.channel.send({
        jsonrpc: "2.0",
        id: stream.id,
        result: { resultType: "complete", _meta: { [SUBSCRIPTION_ID]: stream.id, [META_KEY.SERVER_INFO]: SERVER_INFO } },
      } as ServerMessage);
      stream.channel.end();
    }
  }
}

/** The part of the client's `notifications` filter this server honours; -32602 for a malformed one. */
function honouredFilter(filter: unknown, id: RequestId): HonouredFilter {
  if (filter === undefined) return {};
  if (filter === null || typeof filter !== "object" || Array.isArray(filter)) {
    throw new ModernRejection(400, JSONRPC_ERROR.INVALID_PARAMS, "Invalid params: params.notifications must be an object such as {\"toolsListChanged\": true}.", id);
  }
  const wanted = (filter as Record<string, unknown>)["toolsListChanged"];
  if (wanted !== undefined && typeof wanted !== "boolean") {
    throw new ModernRejection(400, JSONRPC_ERROR.INVALID_PARAMS, "Invalid params: params.notifications.toolsListChanged must be a boolean.", id);
  }
  return wanted === true ? { toolsListChanged: true } : {};
}
