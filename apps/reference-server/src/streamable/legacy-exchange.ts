/**
 * One POST of requests to a legacy session, as the RpcContext the Dispatcher answers through. The
 * answer is JSON when it comes before anything else and the client accepts JSON (the cheap path:
 * one write, no stream); the POST becomes an SSE stream when a notification for the request has to
 * go first (progress), or when the client accepts only `text/event-stream`. Every message of the
 * request goes on this POST's stream and nowhere else, and a client that loses the connection
 * resumes the stream with GET and `Last-Event-ID`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import type { ServerResponse } from "node:http";
import { LEGACY_STREAMABLE_PROTOCOL_VERSIONS, MCP_HEADER, type ServerMessage } from "@mcp-contract/api-types";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import type { KeepAlive } from "../sse/keep-alive.js";
import type { ToolScope } from "../tools/tool-source.js";
import type { Acceptable } from "./legacy-headers.js";
import type { StreamableSessions } from "./session-store.js";
import { SessionStream } from "./session-stream.js";
import type { StreamableSession } from "./streamable-session.js";

export class LegacyExchange implements RpcContext {
  private stream: SessionStream | undefined = undefined;
  private answered = false;

  constructor(
    readonly session: StreamableSession,
    private readonly res: ServerResponse,
    private readonly accept: Acceptable,
    private readonly keepAlive: KeepAlive,
    /** Set for `initialize`: the session is new, and is registered there only if the answer is a result. */
    private readonly opensIn: StreamableSessions | undefined,
  ) {
    session.busy += 1;
  }

  get scope(): ToolScope {
    return this.session.scope;
  }

  get protocolVersion(): string | undefined {
    return this.session.protocolVersion;
  }

  set protocolVersion(version: string | undefined) {
    this.session.protocolVersion = version;
  }

  get initialized(): boolean {
    return this.session.initialized;
  }

  set initialized(value: boolean) {
    this.session.initialized = value;
  }

  get offeredVersions(): readonly string[] {
    return LEGACY_STREAMABLE_PROTOCOL_VERSIONS;
  }

  /** Cancellations name requests of the session, whichever POST carries them. */
  get peer(): object {
    return this.session;
  }

  get rateWindow(): StreamableSession {
    return this.session;
  }

  get rateSubject(): "session" {
    return "session";
  }

  /** Aborted when the session ends; a dropped connection is not a cancellation (the spec's SHOULD NOT). */
  get signal(): AbortSignal {
    return this.session.signal;
  }

  /** A notification related to the request: it turns the answer into a stream, if the client takes one. */
  notify(message: ServerMessage): void {
    if (this.answered || this.session.closed) return;
    if (!this.stream) {
      if (!this.accept.sse) return;
      this.startStream();
    }
    this.stream!.send(message);
  }

  reply(answer: ServerMessage | undefined): void {
    if (this.answered) return;
    this.answered = true;
    this.session.busy -= 1;
    const stream = this.stream;
    if (stream) return this.endStream(stream, answer);
    const res = this.res;
    if (res.destroyed || res.headersSent) return;
    if (answer === undefined) {
      // Every request was cancelled by the client: nothing is owed. A POST that carried a request is
      // still answered as one (an event stream, here with no event, since the spec keeps 202 for
      // notifications and responses); only a client that takes no event stream gets the bare 202.
      if (!this.accept.sse) {
        res.writeHead(202, { "Content-Length": "0" }).end();
        return;
      }
      return this.endStream(this.startStream(), undefined);
    }
    if (this.opensIn && isResult(answer)) {
      this.opensIn.add(this.session, Date.now());
      res.setHeader(MCP_HEADER.SESSION_ID, this.session.id);
      // A browser client of an allowed origin may read the id only if it is exposed to it.
      if (res.hasHeader("Access-Control-Allow-Origin")) res.setHeader("Access-Control-Expose-Headers", MCP_HEADER.SESSION_ID);
    }
    if (this.accept.json || !this.accept.sse) {
      const body = JSON.stringify(answer);
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    this.endStream(this.startStream(), answer);
  }

  private startStream(): SessionStream {
    const session = this.session;
    const stream = new SessionStream(session, session.nextStreamNo(), false, this.keepAlive);
    this.stream = stream;
    session.openStream(stream);
    stream.attach(this.res, [], true);
    return stream;
  }

  /** Sends the answer, if one is owed, as the stream's last event, and ends the stream. */
  private endStream(stream: SessionStream, answer: ServerMessage | undefined): void {
    if (answer !== undefined) stream.send(answer);
    stream.finish();
    this.session.closeStream(stream);
  }
}

function isResult(answer: ServerMessage): boolean {
  return !Array.isArray(answer) && "result" in answer;
}
