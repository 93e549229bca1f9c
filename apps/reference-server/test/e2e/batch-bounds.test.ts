/**
 * Batch bounds (issue 11, finding 4): a batch holds at most 100 messages (configurable); a longer
 * one is refused whole with one -32600 naming the limit, none of its entries runs, and the server
 * goes on answering. Over every channel that accepts batches (the SSE dialects and Celonis).
 */
import { describe, expect, it } from "vitest";
import { CHANNELS } from "./channels.js";
import { expectSpec, startApp } from "./harness.js";

const pings = (count: number) => Array.from({ length: count }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "ping" }));
const echoes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "echo", arguments: { text: `t${i}` } } }));

describe.each(CHANNELS)("batch bounds over $name", (kind) => {
  it("answers a batch of 100 in full, and refuses 101 with one -32600 naming the limit", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 0 } });
    await using channel = await kind.open(server.url);
    const full = (await channel.send(pings(100))) as unknown[];
    expect(full).toHaveLength(100);
    const refused = await channel.send(pings(101));
    expectSpec("message", "ServerMessage", refused);
    expect(refused).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Invalid Request: the batch holds 101 messages; at most 100 are allowed in one batch. Split it." },
    });
    expect(await channel.send({ jsonrpc: "2.0", id: "after", method: "ping" })).toEqual({ jsonrpc: "2.0", id: "after", result: {} });
  });

  it("answers a batch whose answers exceed the answer-bytes bound with one -32600 naming it, and smaller ones in full", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 0, maxBatchAnswerBytes: 2048 } });
    await using channel = await kind.open(server.url);
    const big = (n: number) => Array.from({ length: n }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "echo", arguments: { text: "x".repeat(100) } } }));
    const small = (await channel.send(big(3))) as unknown[];
    expect(small).toHaveLength(3);
    const refused = (await channel.send(big(30))) as { id: unknown; error: { code: number; message: string } };
    expectSpec("message", "ServerMessage", refused);
    expect(refused.id).toBeNull();
    expect(refused.error.code).toBe(-32600);
    expect(refused.error.message).toMatch(/add up to \d+ bytes, more than the 2048 one batch may be answered with/);
    expect(await channel.send({ jsonrpc: "2.0", id: "after", method: "ping" })).toEqual({ jsonrpc: "2.0", id: "after", result: {} });
  });

  it("refuses a 20,000-entry batch of tool calls whole: no entry runs, and the answer is one small error", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 1 } });
    await using channel = await kind.open(server.url);
    const refused = (await channel.send(echoes(20_000))) as { error: { code: number; message: string } };
    expect(refused.error.code).toBe(-32600);
    expect(refused.error.message).toContain("at most 100");
    expect(JSON.stringify(refused).length).toBeLessThan(300);
    // With one call per minute allowed, any entry that had run would have used it up.
    const call = (await channel.send(echoes(1)[0])) as { result: { isError?: boolean; content: { text: string }[] } };
    expect(call.result.isError).toBeUndefined();
    expect(call.result.content[0]?.text).toBe("t0");
  });

  it("takes the limit from the configuration", async () => {
    await using server = await startApp({ config: { maxBatchMessages: 3 } });
    await using channel = await kind.open(server.url);
    expect(await channel.send(pings(3))).toHaveLength(3);
    expect(await channel.send(pings(4))).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining("at most 3") as unknown } });
  });
});
