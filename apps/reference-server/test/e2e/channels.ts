/**
 * One way to talk JSON-RPC to the server per dialect, so the same cases run on each: through an
 * SSE session (202, answer on the stream) or a Celonis POST (answer in the 200 body).
 */
import { expect } from "vitest";
import { CELONIS_BUILTIN, SSE_DIALECTS, expectSpec, openSession, post, type OpenSession } from "./harness.js";

export interface Channel extends AsyncDisposable {
  /** Sends `body` and resolves with the answer it gets (validated against ServerMessage). */
  send(body: unknown): Promise<unknown>;
  /** Sends `body` and checks that nothing is answered. */
  sendUnanswered(body: unknown): Promise<void>;
}

export interface ChannelKind {
  readonly name: string;
  open(base: string, headers?: Record<string, string>): Promise<Channel>;
}

function sseChannel(session: OpenSession): Channel {
  let probe = 0;
  return {
    async send(body) {
      const answer = await session.exchange(body);
      expectSpec("message", "ServerMessage", answer);
      return answer;
    },
    async sendUnanswered(body) {
      const before = session.messages().length;
      const response = await post(session.postUrl, body);
      expect(response.status).toBe(202);
      // The next message on the stream must be the answer to a ping sent after it.
      probe += 1;
      const id = `probe-${probe}`;
      await session.request(id, "ping");
      expect(session.messages().slice(before)).toEqual([{ jsonrpc: "2.0", id, result: {} }]);
    },
    [Symbol.asyncDispose]: () => session[Symbol.asyncDispose](),
  };
}

function celonisChannel(url: string, headers: Record<string, string>): Channel {
  return {
    async send(body) {
      const response = await post(url, body, headers);
      expect(response.status).toBe(200);
      const answer = response.json();
      expectSpec("message", "ServerMessage", answer);
      return answer;
    },
    async sendUnanswered(body) {
      const response = await post(url, body, headers);
      expect(response.status).toBe(202);
      expect(response.text).toBe("");
    },
    [Symbol.asyncDispose]: async () => {},
  };
}

/** Every SSE dialect form, and Celonis. */
export const CHANNELS: readonly ChannelKind[] = [
  ...SSE_DIALECTS.map((dialect) => ({
    name: dialect.name,
    open: async (base: string, headers: Record<string, string> = {}) => sseChannel(await openSession(base, dialect, headers)),
  })),
  { name: "Celonis", open: async (base: string, headers: Record<string, string> = {}) => celonisChannel(base + CELONIS_BUILTIN, headers) },
];
