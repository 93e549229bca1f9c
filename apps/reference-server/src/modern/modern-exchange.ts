/**
 * One 2026-07-28 request as the RpcContext the Dispatcher answers through. No session: the
 * request's own `_meta` says who is asking, and its state lives as long as its POST. The answer
 * is one JSON object when nothing has to go before it and the client accepts JSON; the POST
 * becomes an SSE stream (no event ids, never resumable) when a related notification (progress)
 * must go first, or when the client accepts only `text/event-stream`. The final response ends
 * the stream, and the client closing it cancels the request.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#receiving-messages
 */
import type { ServerResponse } from "node:http";
import { JSONRPC_ERROR, MCP_ERROR, META_KEY, type RequestId, type ServerMessage } from "@mcp-contract/api-types";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import { SERVER_INFO } from "../mcp/mcp-methods.js";
import type { RateWindow } from "../mcp/rate-limiter.js";
import type { KeepAlive } from "../sse/keep-alive.js";
import { SseChannel } from "../sse/sse-channel.js";
import { STREAM_HEADERS } from "../sse/sse-format.js";
import type { Acceptable } from "../streamable/legacy-headers.js";
import type { ToolScope } from "../tools/tool-source.js";

/**
 * Modern requests see every source's tools, as legacy sessions do, plus the tools that ask for
 * input through Multi Round-Trip Requests, which only 2026-07-28 carries.
 */
const ALL_TOOLS: ToolScope = { kind: "all", multiRoundTrip: true };

/** Caching hints of a cacheable result (server/utilities/caching.mdx: a MUST on these methods). */
export interface CacheHints {
  readonly ttlMs: number;
  readonly cacheScope: "public" | "private";
}

/**
 * The hints per cacheable method served through the Dispatcher. The tool list is the same for every
 * caller, but registering an upstream server changes it at any moment: 0, so clients that do not
 * hold a `subscriptions/listen` stream (which announces the change) fetch it again when they need it.
 */
export const CACHE_HINTS: ReadonlyMap<string, CacheHints> = new Map([["tools/list", { ttlMs: 0, cacheScope: "public" }]]);

/**
 * The HTTP status of an error answer where 2026-07-28 names one: 404 for an unknown or removed
 * method, 400 for a missing client capability (basic/index.mdx, "_meta"); any other error rides
 * a 200, as a JSON-RPC error does.
 */
const ERROR_STATUS: ReadonlyMap<number, number> = new Map([
  [JSONRPC_ERROR.METHOD_NOT_FOUND, 404],
  [MCP_ERROR.MISSING_REQUIRED_CLIENT_CAPABILITY, 400],
]);

/**
 * Whose tools a modern request sees and what its tool calls count against: `/mcp` and Spice see
 * every tool and count nothing (no session); a Celonis asset path sees its asset and counts calls
 * against the asset's window, as its synchronous POSTs do.
 */
export interface ModernTarget {
  readonly scope: ToolScope;
  readonly rateWindow?: RateWindow;
}

export const ALL_TOOLS_TARGET: ModernTarget = { scope: ALL_TOOLS };

export class ModernExchange implements RpcContext {
  initialized = true;
  /** Its own rate window: a stateless request has no session to count calls across. */
  windowStart = 0;
  count = 0;
  private channel: SseChannel | undefined = undefined;
  private answered = false;
  private abortController: AbortController | undefined = undefined;

  constructor(
    private readonly res: ServerResponse,
    readonly id: RequestId,
    public protocolVersion: string | undefined,
    private readonly accept: Acceptable,
    private readonly keepAlive: KeepAlive,
    /** Set for a cacheable method: added to its result. */
    private readonly cacheHints: CacheHints | undefined,
    /** What the request's `_meta` declared. */
    readonly clientCapabilities: Readonly<Record<string, unknown>>,
    private readonly target: ModernTarget = ALL_TOOLS_TARGET,
  ) {}

  get scope(): ToolScope {
    return this.target.scope;
  }

  get rateWindow(): RateWindow {
    return this.target.rateWindow ?? this;
  }

  get rateSubject(): "session" | "asset" {
    return this.target.rateWindow ? "asset" : "session";
  }

  /** Aborted when the client closes the POST (its stream) before the answer: the spec's cancellation. */
  get signal(): AbortSignal {
    if (!this.abortController) {
      const controller = new AbortController();
      this.abortController = controller;
      if (this.res.destroyed) controller.abort();
      else this.res.once("close", () => {
        if (!this.answered) controller.abort(new Error("the client closed the stream"));
      });
    }
    return this.abortController.signal;
  }

  /** A notification related to the request: it turns the answer into a stream, if the client takes one. */
  notify(message: ServerMessage): void {
    if (this.answered || this.res.destroyed) return;
    if (!this.channel) {
      if (!this.accept.sse) return;
      this.startStream();
    }
    this.channel!.send(message);
  }

  reply(answer: ServerMessage | undefined): void {
    if (this.answered) return;
    this.answered = true;
    const res = this.res;
    const channel = this.channel;
    if (res.destroyed) return;
    if (answer === undefined || Array.isArray(answer)) {
      // Nothing is owed (a cancelled request): the POST just ends.
      if (channel) return this.endStream(channel);
      res.writeHead(202, { "Content-Length": "0" }).end();
      return;
    }
    if (channel) {
      channel.send(modernAnswer(answer, this.cacheHints));
      return this.endStream(channel);
    }
    // An error with a status of its own (a 404, a 400) is an HTTP error answer, with a JSON body as
    // every other one here, even to a client that accepts only event streams: the spec's status is a
    // MUST, and an event stream under a 400 is no answer a client reads.
    const errorStatus = "error" in answer ? ERROR_STATUS.get(answer.error.code) : undefined;
    if (errorStatus !== undefined || this.accept.json || !this.accept.sse) {
      const status = errorStatus ?? 200;
      const body = modernAnswerJson(answer, this.cacheHints);
      // A literal, not `{ ...JSON_HEADERS, "Content-Length": … }`: node 20's V8 gives `{ ...x, key }`
      // a new hidden class on every call, which writeHead then has to enumerate afresh.
      res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    this.startStream();
    this.channel!.send(modernAnswer(answer, this.cacheHints));
    this.endStream(this.channel!);
  }

  private startStream(): void {
    const channel = new SseChannel(this.res);
    this.channel = channel;
    this.res.writeHead(200, STREAM_HEADERS);
    this.keepAlive.add(channel);
  }

  private endStream(channel: SseChannel): void {
    this.keepAlive.delete(channel);
    channel.end();
  }
}

/**
 * A result as 2026-07-28 answers it: `resultType` (required on every result), the server's
 * identity in `_meta` (a SHOULD) and, for a cacheable method, its caching hints; errors and
 * notifications go as they are.
 */
export function modernAnswer(answer: Exclude<ServerMessage, unknown[]>, cacheHints?: CacheHints): ServerMessage {
  if (!("result" in answer)) return answer;
  const result = answer.result as Record<string, unknown>;
  const meta = result["_meta"] as Record<string, unknown> | undefined;
  return {
    jsonrpc: "2.0",
    id: answer.id,
    result: { ...result, ...cacheHints, resultType: result["resultType"] ?? "complete", _meta: { ...meta, [META_KEY.SERVER_INFO]: SERVER_INFO } },
  } as ServerMessage;
}

/** The `_meta` modernAnswer gives a result that has none, as JSON text. */
const SERVER_META_JSON = JSON.stringify({ [META_KEY.SERVER_INFO]: SERVER_INFO });

/**
 * `JSON.stringify(modernAnswer(answer, cacheHints))`, the same text, without building the copy
 * when the result has none of the members modernAnswer adds: it is the result's own JSON with
 * those members appended. That is every tool result, and the hot path, where the spread copy and
 * the serialisation of the constant `_meta` were most of the answer's cost (node 20's V8 gives
 * `{ ...result, key }` a new hidden class on every call). Anything else takes modernAnswer itself.
 */
export function modernAnswerJson(answer: Exclude<ServerMessage, unknown[]>, cacheHints?: CacheHints): string {
  if (!("result" in answer)) return JSON.stringify(answer);
  const { id } = answer;
  const result = answer.result as unknown;
  if (!appendable(result, cacheHints) || (typeof id !== "string" && typeof id !== "number")) return JSON.stringify(modernAnswer(answer, cacheHints));
  const own = JSON.stringify(result);
  const hints = cacheHints === undefined ? "" : JSON.stringify(cacheHints).slice(1, -1);
  const added = `${hints === "" ? "" : `${hints},`}"resultType":"complete","_meta":${SERVER_META_JSON}}`;
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${own.length === 2 ? "{" : `${own.slice(0, -1)},`}${added}}`;
}

/**
 * Whether the result's JSON is `{…}` and the members modernAnswer adds can go at its end: a plain
 * object with no toJSON and none of those members (`in`, so a member set to undefined, which
 * JSON leaves out but the copy keeps in place, counts as present).
 */
function appendable(result: unknown, cacheHints: CacheHints | undefined): result is Record<string, unknown> {
  if (result === null || typeof result !== "object" || Array.isArray(result)) return false;
  if ("resultType" in result || "_meta" in result || "toJSON" in result) return false;
  if (cacheHints !== undefined) {
    for (const key in cacheHints) if (key in result || key === "resultType" || key === "_meta") return false;
  }
  return true;
}
