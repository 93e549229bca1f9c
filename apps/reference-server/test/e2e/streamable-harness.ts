/**
 * Tools for the legacy Streamable HTTP tests: a raw-HTTP session client (initialize, requests with
 * the session's headers, answer streams), and a test tool source whose `gate` tool reports
 * progress, then waits until the test opens the gate or the call is aborted, so tests can hold a
 * request open without sleeping.
 */
import { openSseStream, type SseStream } from "@mcp-contract/test-helpers";
import type { CallToolResult, Tool } from "@mcp-contract/api-types";
import { expect } from "vitest";
import type { ToolCallContext, ToolSource } from "../../src/tools/tool-source.js";
import { expectSpec, post, type PostResult } from "./harness.js";

/** What every SDK client sends on a POST. */
export const ACCEPT_BOTH = "application/json, text/event-stream";

/** A `gate` call in progress: its signal, and the release the test pulls. */
export interface GateCall {
  readonly signal: AbortSignal;
  open(): void;
  /** Resolves once the tool has returned (answered or aborted). */
  readonly settled: Promise<void>;
}

/** A tool source with `gate`: progress 1, wait for the test (or the abort), progress 2, done. */
export class GateTools implements ToolSource {
  readonly calls: GateCall[] = [];
  private waiters: Array<() => void> = [];
  private readonly tool: Tool = {
    name: "gate",
    description: "Reports progress, then waits until the test opens the gate.",
    inputSchema: { type: "object", properties: {}, additionalProperties: false },
  };

  /** Resolves with the `index`-th call once it has started. */
  started(index: number): Promise<GateCall> {
    const call = this.calls[index];
    if (call) return Promise.resolve(call);
    return new Promise((resolve) => {
      const waiter = (): void => {
        const found = this.calls[index];
        if (!found) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(found);
      };
      this.waiters.push(waiter);
    });
  }

  hasAsset(): boolean {
    return false;
  }

  listTools(): Tool[] {
    return [this.tool];
  }

  async callTool(_scope: unknown, name: string, _args: unknown, context: ToolCallContext): Promise<CallToolResult | undefined> {
    if (name !== "gate") return undefined;
    let open!: () => void;
    let settle!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const signal = context.signal;
    this.calls.push({ signal, open, settled });
    for (const waiter of [...this.waiters]) waiter();
    context.reportProgress(1, 2, "waiting at the gate");
    await Promise.race([gate, new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }))]);
    try {
      context.reportProgress(2, 2, "through the gate");
      return { content: [{ type: "text", text: signal.aborted ? "aborted" : "through" }] };
    } finally {
      queueMicrotask(settle);
    }
  }
}

/** A legacy session opened with raw HTTP. */
export interface LegacySession {
  readonly id: string;
  readonly version: string;
  /** The session's headers (id and revision), plus `extra`. */
  headers(extra?: Record<string, string>): Record<string, string>;
  /** POSTs `body` in the session. */
  post(body: unknown, extra?: Record<string, string>): Promise<PostResult>;
  /** POSTs a request, expects a 200 JSON answer, and returns it (checked against the spec). */
  request(id: number | string, method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** POSTs `body` and reads the answer as an SSE stream (Accept: text/event-stream only unless `accept`). */
  stream(body: unknown, accept?: string): Promise<SseStream>;
  /** Opens a GET stream of the session. */
  listen(extra?: Record<string, string>): Promise<SseStream>;
  /** DELETE, returns the status. */
  end(): Promise<number>;
}

/** POSTs initialize at `url` and returns the session it opened. */
export async function initialize(url: string, version = "2025-11-25", auth: Record<string, string> = {}): Promise<LegacySession> {
  const response = await post(url, initializeRequest(version), { accept: ACCEPT_BOTH, ...auth });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json");
  const answer = response.json() as { result: { protocolVersion: string } };
  expectSpec("streamable", "StreamableJsonAnswer", answer);
  const id = response.headers.get("mcp-session-id") ?? "";
  expect(id).toMatch(/^[\x21-\x7e]{22,}$/);
  const agreed = answer.result.protocolVersion;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    "mcp-session-id": id,
    ...(agreed === "2025-03-26" ? {} : { "mcp-protocol-version": agreed }),
    ...auth,
    ...extra,
  });
  const session: LegacySession = {
    id,
    version: agreed,
    headers,
    post: (body, extra) => post(url, body, headers({ accept: ACCEPT_BOTH, ...extra })),
    async request(requestId, method, params) {
      const result = await post(url, { jsonrpc: "2.0", id: requestId, method, ...(params ? { params } : {}) }, headers({ accept: ACCEPT_BOTH }));
      expect(result.status).toBe(200);
      expect(result.headers.get("content-type")).toBe("application/json");
      const body = result.json() as Record<string, unknown>;
      expectSpec("streamable", "StreamableJsonAnswer", body);
      expect(body["id"]).toBe(requestId);
      return body;
    },
    stream: (body, accept = "text/event-stream") =>
      openSseStream(url, { method: "POST", body: JSON.stringify(body), headers: headers({ accept, "content-type": "application/json" }) }),
    listen: (extra) => openSseStream(url, { headers: headers(extra) }),
    async end() {
      const response = await fetch(url, { method: "DELETE", headers: headers(), signal: AbortSignal.timeout(10_000) });
      await response.text();
      return response.status;
    },
  };
  await session.post({ jsonrpc: "2.0", method: "notifications/initialized" });
  return session;
}

/** A 2025 initialize request asking for `version`. */
export function initializeRequest(version: string, id: number | string = 0): Record<string, unknown> {
  return {
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "raw-http-test", version: "1.0.0" } },
  };
}

/** A tools/call of `gate` with a progress token. */
export function gateCall(id: number | string): Record<string, unknown> {
  return { jsonrpc: "2.0", id, method: "tools/call", params: { name: "gate", arguments: {}, _meta: { progressToken: `p-${id}` } } };
}

/** The JSON-RPC messages of a stream's events (the priming event, with empty data, left out). */
export function messagesOf(stream: SseStream): Array<Record<string, unknown>> {
  return stream.events.filter((event) => event.data !== "").map((event) => JSON.parse(event.data) as Record<string, unknown>);
}

/** Every event of `stream` fits the spec's SseResponseEvent, and every id is unique in the list. */
export function expectValidEvents(stream: SseStream): void {
  for (const event of stream.events) {
    expectSpec("streamable", "SseResponseEvent", {
      ...(event.event === "message" && event.data !== "" ? { event: "message" } : {}),
      data: event.data === "" ? "" : JSON.parse(event.data),
      ...(event.id === undefined ? {} : { id: event.id }),
    });
  }
  const ids = stream.events.map((event) => event.id).filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
}
