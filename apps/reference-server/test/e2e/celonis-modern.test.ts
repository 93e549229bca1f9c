/**
 * The Celonis asset path taking 2026-07-28 Streamable HTTP POSTs beside its own synchronous ones:
 * a request marked modern is validated and answered as on `/mcp` (JSON or SSE as `Accept`
 * allows, `resultType`, the -3202x errors), sees only its asset's tools, and counts against the
 * asset's rate window with the dialect's own POSTs; an unmarked POST is answered as before.
 */
import { openSseStream } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { CELONIS_BUILTIN, expectSpec, post, startApp } from "./harness.js";
import { expectRpcError, modernHeaders, modernRequest, postModern } from "./modern-harness.js";

describe("Celonis asset path, 2026-07-28 requests", () => {
  it("lists the asset's tools and calls one, answering as 2026-07-28 does", async () => {
    await using server = await startApp();
    const url = server.url + CELONIS_BUILTIN;
    const listed = await postModern(url, modernRequest(1, "tools/list"));
    expect(listed.status).toBe(200);
    const list = listed.json() as { result: { resultType: string; tools: Array<{ name: string }> } };
    expectSpec("streamable", "ModernResult", list.result);
    expect(list.result.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "add"]));
    // The asset scope is not a 2026-07-28 /mcp peer's: no multi-round-trip tools here.
    expect(list.result.tools.map((tool) => tool.name)).not.toContain("confirm");

    const called = (await postModern(url, modernRequest(2, "tools/call", { name: "echo", arguments: { text: "asset" } }))).json() as Record<string, unknown>;
    expect(called).toMatchObject({ id: 2, result: { resultType: "complete", content: [{ type: "text", text: "asset" }] } });

    const body = modernRequest(3, "tools/call", { name: "echo", arguments: { text: "streamed" } });
    await using stream = await openSseStream(url, { method: "POST", body: JSON.stringify(body), headers: { ...modernHeaders(body, { accept: "text/event-stream" }), "content-type": "application/json" } });
    await stream.ended;
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
    expect(JSON.parse(stream.events.at(-1)!.data)).toMatchObject({ id: 3, result: { resultType: "complete", content: [{ text: "streamed" }] } });
  });

  it("answers modern faults with the revision's codes, and unmarked POSTs as the dialect always has", async () => {
    await using server = await startApp();
    const url = server.url + CELONIS_BUILTIN;
    const mismatch = expectRpcError(await postModern(url, modernRequest(4, "tools/list"), { "mcp-method": "tools/call" }), 400, -32020, 4);
    expect(mismatch.message).toContain("Mcp-Method");
    expectRpcError(await postModern(url, modernRequest(5, "ping")), 404, -32601, 5);
    // An unreadable body with the modern headers is still a 2026-07-28 request: 400, not the dialect's 200.
    const truncated = JSON.stringify(modernRequest(7, "tools/list")).slice(0, -2);
    expectRpcError(await post(url, truncated, modernHeaders(modernRequest(7, "tools/list"))), 400, -32700, null);
    const unmarked = await post(url, truncated);
    expect(unmarked.status).toBe(200);
    expect(unmarked.json()).toMatchObject({ id: null, error: { code: -32700 } });
    const classic = await post(url, { jsonrpc: "2.0", id: 6, method: "tools/list" });
    expect(classic.status).toBe(200);
    const answer = classic.json() as { result: Record<string, unknown> };
    expect(answer.result["resultType"]).toBeUndefined();
    expectSpec("message", "ServerMessage", answer);
  });

  it("counts modern tool calls against the asset's rate window, with the dialect's own", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 2 } });
    const url = server.url + CELONIS_BUILTIN;
    const call = (id: number) => modernRequest(id, "tools/call", { name: "echo", arguments: { text: String(id) } });
    expect((await postModern(url, call(1))).json()).toMatchObject({ result: { content: [{ text: "1" }] } });
    expect((await post(url, { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "echo", arguments: { text: "2" } } })).json()).toMatchObject({ result: { content: [{ text: "2" }] } });
    const limited = (await postModern(url, call(3))).json() as { result: { isError?: boolean; content: Array<{ text: string }> } };
    expect(limited.result.isError).toBe(true);
    expect(limited.result.content[0]?.text).toContain("asset");
  });
});
