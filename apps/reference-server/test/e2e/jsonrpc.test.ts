import { describe, expect, it } from "vitest";
import { CHANNELS } from "./channels.js";
import { SSE_DIALECTS, expectValidStream, openSession, post, startApp } from "./harness.js";

const INIT = (protocolVersion: string) => ({
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "jsonrpc-test", version: "1.0.0" } },
});

describe.each(CHANNELS)("JSON-RPC 2.0 over $name", (kind) => {
  it("answers malformed JSON with -32700 and id null", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    for (const body of ['{"jsonrpc": "2.0", "id": 1,', "", "not json"]) {
      const answer = await channel.send(body);
      expect(answer).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
      expect((answer as { error: { message: string } }).error.message).toMatch(/^Parse error: /);
    }
  });

  it.each([
    ["a missing jsonrpc", { id: 1, method: "ping" }, 1],
    ["a wrong jsonrpc", { jsonrpc: "1.0", id: 2, method: "ping" }, 2],
    ["a number", 42, null],
    ["a JSON string", JSON.stringify("ping"), null],
    ["null", null, null],
    ["an id of null", { jsonrpc: "2.0", id: null, method: "ping" }, null],
    ["a fractional id", { jsonrpc: "2.0", id: 1.5, method: "ping" }, null],
    ["an object id", { jsonrpc: "2.0", id: {}, method: "ping" }, null],
    ["a boolean id", { jsonrpc: "2.0", id: true, method: "ping" }, null],
    ["a non-string method", { jsonrpc: "2.0", id: 3, method: 7 }, 3],
    ["non-object params", { jsonrpc: "2.0", id: 4, method: "ping", params: [1] }, 4],
    ["no method, result or error", { jsonrpc: "2.0", id: 5 }, 5],
    ["an empty batch", [], null],
    // Ids a JSON number cannot hold exactly: refused, never run and answered with another id.
    ["an id of 1e400", '{"jsonrpc":"2.0","id":1e400,"method":"ping"}', null],
    ["an id of 2^53 + 1", '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}', null],
    ["an id of -(2^53 + 1)", '{"jsonrpc":"2.0","id":-9007199254740993,"method":"ping"}', null],
  ])("answers %s with -32600", async (_name, body, id) => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const answer = await channel.send(body);
    expect(answer).toMatchObject({ jsonrpc: "2.0", id, error: { code: -32600 } });
    expect((answer as { error: { message: string } }).error.message).toMatch(/^Invalid Request: ./);
  });

  it("echoes the largest exact ids byte for byte", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    for (const id of ["9007199254740991", "-9007199254740991", "0"]) {
      const answer = await channel.send(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`);
      expect(JSON.stringify(answer)).toContain(`"id":${id},`);
    }
    const refused = await channel.send('{"jsonrpc":"2.0","id":1e400,"method":"ping"}');
    expect((refused as { error: { message: string } }).error.message).toContain("send it as a string");
  });

  it("answers an unknown method with -32601 naming it", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    expect(await channel.send({ jsonrpc: "2.0", id: 6, method: "resources/list" })).toEqual({
      jsonrpc: "2.0",
      id: 6,
      error: { code: -32601, message: "Method not found: resources/list" },
    });
  });

  it.each([
    ["tools/call without a name", { method: "tools/call", params: {} }, "Invalid params for tools/call: /name is required"],
    ["echo with a number", { method: "tools/call", params: { name: "echo", arguments: { text: 5 } } }, "Invalid params for tool echo: /text must be string"],
    ["echo without text", { method: "tools/call", params: { name: "echo" } }, "Invalid params for tool echo: /text is required"],
    ["an unknown tool", { method: "tools/call", params: { name: "nope" } }, "Unknown tool: nope"],
    ["a foreign cursor", { method: "tools/list", params: { cursor: "bm90LWEtY3Vyc29y" } }, "Invalid params for tools/list: /cursor"],
    ["initialize without clientInfo", { method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {} } }, "/clientInfo is required"],
  ])("answers %s with -32602 naming the field", async (_name, request, message) => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const answer = (await channel.send({ jsonrpc: "2.0", id: "p", ...request })) as { id: unknown; error: { code: number; message: string } };
    expect(answer.id).toBe("p");
    expect(answer.error.code).toBe(-32602);
    expect(answer.error.message).toContain(message);
  });

  it("answers a handler failure with -32603 and no stack trace", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const answer = await channel.send({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "throw" } });
    expect(answer).toEqual({ jsonrpc: "2.0", id: 7, error: { code: -32603, message: "Internal error" } });
    const logged = server.logs.filter((line) => line.includes("The throw tool failed on purpose"));
    // One line, no stack: checkers call this tool on every run, and a stack trace reads like a crash.
    expect(logged).toEqual([expect.stringMatching(/^[^\n]*tools\/call failed: The throw tool failed on purpose[^\n]*$/)]);
    expect(server.logs.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("echoes ids unchanged: a string stays a string, a number a number", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    expect(await channel.send({ jsonrpc: "2.0", id: "1", method: "ping" })).toEqual({ jsonrpc: "2.0", id: "1", result: {} });
    expect(await channel.send({ jsonrpc: "2.0", id: 1, method: "ping" })).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    expect(await channel.send({ jsonrpc: "2.0", id: 0, method: "ping" })).toEqual({ jsonrpc: "2.0", id: 0, result: {} });
    expect(await channel.send({ jsonrpc: "2.0", id: "", method: "ping" })).toEqual({ jsonrpc: "2.0", id: "", result: {} });
  });

  it("never answers notifications (known or not) or responses the client posts", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    await channel.sendUnanswered({ jsonrpc: "2.0", method: "notifications/initialized" });
    await channel.sendUnanswered({ jsonrpc: "2.0", method: "notifications/whatever", params: { x: 1 } });
    await channel.sendUnanswered({ jsonrpc: "2.0", id: "s1", result: {} });
    await channel.sendUnanswered({ jsonrpc: "2.0", id: "s2", error: { code: -32601, message: "no" } });
  });

  it("answers a batch (2024-11-05) with one array, leaving notifications out", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    expect(await channel.send(INIT("2024-11-05"))).toMatchObject({ id: "init", result: { protocolVersion: "2024-11-05" } });
    const answer = (await channel.send([
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: "2", method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 } } },
      { jsonrpc: "2.0", id: 3, method: "nope" },
      { jsonrpc: "1.0", id: 4, method: "ping" },
    ])) as Array<{ id: unknown }>;
    expect(Array.isArray(answer)).toBe(true);
    expect([...answer].sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual([
      { jsonrpc: "2.0", id: 1, result: {} },
      { jsonrpc: "2.0", id: "2", result: { content: [{ type: "text", text: "5" }], structuredContent: { sum: 5 } } },
      { jsonrpc: "2.0", id: 3, error: { code: -32601, message: "Method not found: nope" } },
      { jsonrpc: "2.0", id: 4, error: { code: -32600, message: expect.stringContaining("Invalid Request") as unknown } },
    ]);
    await channel.sendUnanswered([
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", method: "notifications/other" },
    ]);
  });

  it("accepts batches before initialize, and refuses initialize inside one", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const answer = await channel.send([INIT("2024-11-05"), { jsonrpc: "2.0", id: 1, method: "ping" }]);
    expect(answer).toEqual([
      { jsonrpc: "2.0", id: "init", error: { code: -32600, message: expect.stringContaining("initialize must not be part of a batch") as unknown } },
      { jsonrpc: "2.0", id: 1, result: {} },
    ]);
  });
});

describe("JSON-RPC batches by protocol revision (SSE sessions)", () => {
  it.each(["2024-11-05", "2025-03-26"])("allows batches in %s", async (version) => {
    await using server = await startApp();
    await using session = await openSession(server.url, SSE_DIALECTS[0]!);
    await session.request("init", "initialize", { protocolVersion: version, capabilities: {}, clientInfo: { name: "t", version: "1" } });
    expect(await session.exchange([{ jsonrpc: "2.0", id: 1, method: "ping" }])).toEqual([{ jsonrpc: "2.0", id: 1, result: {} }]);
  });

  it("refuses a batch in a 2025-06-18 session with one -32600", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, SSE_DIALECTS[1]!);
    await session.request("init", "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } });
    const answer = await session.exchange([{ jsonrpc: "2.0", id: 1, method: "ping" }]);
    expect(answer).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Invalid Request: JSON-RPC batches are not allowed in protocol 2025-06-18; send one message per POST." },
    });
    expectValidStream(session.stream);
  });
});

describe("sessions are isolated", () => {
  it("sends each answer only to the session that asked, under concurrent load", async () => {
    await using server = await startApp();
    await using a = await openSession(server.url, SSE_DIALECTS[0]!);
    await using b = await openSession(server.url, SSE_DIALECTS[3]!);
    const calls = (session: typeof a, tag: string) =>
      Array.from({ length: 25 }, (_, i) =>
        session.request(`${tag}-${i}`, "tools/call", { name: "echo", arguments: { text: `${tag}-${i}` } }),
      );
    const answers = await Promise.all([...calls(a, "a"), ...calls(b, "b")]);
    for (const answer of answers) {
      expect(answer.result).toEqual({ content: [{ type: "text", text: answer.id }], structuredContent: { text: answer.id } });
    }
    const idsOf = (session: typeof a) => session.messages().map((m) => (m as { id: string }).id);
    expect(idsOf(a).every((id) => id.startsWith("a-"))).toBe(true);
    expect(idsOf(b).every((id) => id.startsWith("b-"))).toBe(true);
    expect(idsOf(a)).toHaveLength(25);
    expect(idsOf(b)).toHaveLength(25);
    expectValidStream(a.stream);
    expectValidStream(b.stream);
  });

  it("answers errors about one session's message on that session only", async () => {
    await using server = await startApp();
    await using a = await openSession(server.url, SSE_DIALECTS[0]!);
    await using b = await openSession(server.url, SSE_DIALECTS[0]!);
    expect(await a.exchange("{oops")).toMatchObject({ id: null, error: { code: -32700 } });
    expect(await b.request("b", "ping")).toEqual({ jsonrpc: "2.0", id: "b", result: {} });
    expect(b.messages()).toHaveLength(1);
  });

  it("keeps the negotiated revision per session", async () => {
    await using server = await startApp();
    await using old = await openSession(server.url, SSE_DIALECTS[0]!);
    await using current = await openSession(server.url, SSE_DIALECTS[0]!);
    await old.request("i", "initialize", { protocolVersion: "2024-11-05", capabilities: {}, clientInfo: { name: "t", version: "1" } });
    await current.request("i", "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } });
    expect(await old.exchange([{ jsonrpc: "2.0", id: 1, method: "ping" }])).toEqual([{ jsonrpc: "2.0", id: 1, result: {} }]);
    expect(await current.exchange([{ jsonrpc: "2.0", id: 1, method: "ping" }])).toMatchObject({ id: null, error: { code: -32600 } });
    expect((await post(old.postUrl, { jsonrpc: "2.0", id: 2, method: "ping" })).status).toBe(202);
  });
});
