/**
 * 2026-07-28 Multi Round-Trip Requests and -32021 on `/mcp`, through the built-in `confirm` tool:
 * a client that does not declare `elicitation` gets 400 + -32021 with `data.requiredCapabilities`;
 * one that does gets an InputRequiredResult, and its retry with the user's answer and the echoed
 * `requestState` completes. A forged, stale or borrowed state is refused; legacy sessions never
 * see the tool. Then the official SDK v2 client drives the whole flow with an elicitation handler.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { expectSpec, startApp } from "./harness.js";
import { expectRpcError, MODERN, modernMeta, postModern } from "./modern-harness.js";
import { initialize } from "./streamable-harness.js";

const WITH_ELICITATION = { "io.modelcontextprotocol/clientCapabilities": { elicitation: {} } };

function confirmCall(id: number, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = WITH_ELICITATION): Record<string, unknown> {
  return { jsonrpc: "2.0", id, method: "tools/call", params: { name: "confirm", arguments: { action: "deploy v2" }, ...extra, _meta: modernMeta(meta) } };
}

interface InputRequired {
  resultType: string;
  inputRequests: Record<string, { method: string; params: { mode: string; message: string; requestedSchema: unknown } }>;
  requestState: string;
}

async function firstLeg(url: string, id = 1): Promise<InputRequired> {
  const answer = await postModern(url, confirmCall(id));
  expect(answer.status).toBe(200);
  const body = answer.json() as { id: number; result: InputRequired };
  expect(body.id).toBe(id);
  expectSpec("streamable", "InputRequiredResult", body.result);
  return body.result;
}

describe("Multi Round-Trip Requests on /mcp (the confirm tool)", () => {
  it("answers -32021 with HTTP 400 and data.requiredCapabilities when the request does not declare elicitation", async () => {
    await using server = await startApp();
    for (const capabilities of [{}, { sampling: {} }, { elicitation: { url: {} } }, { elicitation: true }]) {
      const body = confirmCall(7, {}, { "io.modelcontextprotocol/clientCapabilities": capabilities });
      const error = expectRpcError(await postModern(`${server.url}/mcp`, body), 400, -32021, 7);
      expect(error.data).toEqual({ requiredCapabilities: { elicitation: {} } });
      expect(error.message).toContain("elicitation");
      expectSpec("streamable", "MissingRequiredClientCapabilityError", (await postModern(`${server.url}/mcp`, body)).json());
    }
  });

  it("answers -32021 with HTTP 400 to a client that accepts only event streams too", async () => {
    // The status is the spec's MUST; an event stream under a 200 would hide it (a client listing only
    // text/event-stream breaks a MUST of its own, but the server's answer stays what the error needs).
    await using server = await startApp();
    const sseOnly = { accept: "text/event-stream" };
    const body = confirmCall(8, {}, { "io.modelcontextprotocol/clientCapabilities": {} });
    const error = expectRpcError(await postModern(`${server.url}/mcp`, body, sseOnly), 400, -32021, 8);
    expect(error.data).toEqual({ requiredCapabilities: { elicitation: {} } });
    // An answer without a status of its own still goes the way the client accepts.
    const listed = await postModern(`${server.url}/mcp`, { jsonrpc: "2.0", id: 10, method: "tools/list", params: { _meta: modernMeta() } }, sseOnly);
    expect([listed.status, listed.headers.get("content-type")]).toEqual([200, "text/event-stream"]);
  });

  it("asks with an input_required result, then completes the retry that carries the answer and the state", async () => {
    await using server = await startApp();
    const url = `${server.url}/mcp`;
    const first = await firstLeg(url);
    expect(first.resultType).toBe("input_required");
    expect(first.inputRequests["confirm"]).toMatchObject({ method: "elicitation/create", params: { mode: "form", message: "Confirm: deploy v2" } });
    expect(first.requestState.length).toBeGreaterThan(20);

    const cases = [
      { response: { action: "accept", content: { confirmed: true } }, confirmed: true, text: "The user confirmed: deploy v2" },
      { response: { action: "accept", content: { confirmed: false } }, confirmed: false, text: "The user did not confirm: deploy v2" },
      { response: { action: "decline" }, confirmed: false, text: "The user declined: deploy v2" },
      { response: { action: "cancel" }, confirmed: false, text: "The user cancelled: deploy v2" },
    ];
    for (const [n, { response, confirmed, text }] of cases.entries()) {
      const retry = await postModern(url, confirmCall(10 + n, { inputResponses: { confirm: response }, requestState: first.requestState }));
      expect(retry.status).toBe(200);
      const body = retry.json() as { id: number; result: Record<string, unknown> };
      expect(body.id).toBe(10 + n);
      expect(body.result).toMatchObject({ resultType: "complete", content: [{ type: "text", text }], structuredContent: { confirmed } });
      expectSpec("streamable", "ModernResult", body.result);
    }
  });

  it("asks again when the retry lacks a usable answer, as the spec advises", async () => {
    await using server = await startApp();
    const url = `${server.url}/mcp`;
    const { requestState } = await firstLeg(url);
    for (const inputResponses of [undefined, {}, { confirm: { action: "maybe" } }, { other: { action: "accept" } }]) {
      const retry = await postModern(url, confirmCall(20, { ...(inputResponses ? { inputResponses } : {}), requestState }));
      const body = retry.json() as { result: InputRequired };
      expect(retry.status).toBe(200);
      expect(body.result.resultType).toBe("input_required");
      expect(body.result.inputRequests["confirm"]?.method).toBe("elicitation/create");
    }
  });

  it("refuses a forged, altered or borrowed requestState with -32602 naming the reason", async () => {
    await using server = await startApp();
    const url = `${server.url}/mcp`;
    const { requestState } = await firstLeg(url);
    const [payload = "", signature = ""] = requestState.split(".");
    const answer = { confirm: { action: "accept", content: { confirmed: true } } };
    const forged = [
      { state: "not-a-state", reason: "failed verification" },
      { state: `${payload}.${signature.slice(0, -2)}xx`, reason: "failed verification" },
      { state: `${Buffer.from(JSON.stringify({ for: "x", exp: 9e15 })).toString("base64url")}.${signature}`, reason: "failed verification" },
      { state: `${requestState}.extra`, reason: "failed verification" },
      { state: 42, reason: "must be the string" },
    ];
    for (const { state, reason } of forged) {
      const error = expectRpcError(await postModern(url, confirmCall(30, { inputResponses: answer, requestState: state })), 200, -32602, 30);
      expect(error.message).toContain(reason);
    }
    // A genuine state, presented on a call with other arguments: bound to its own request.
    const borrowed = confirmCall(31, { inputResponses: answer, requestState });
    (borrowed["params"] as { arguments: Record<string, unknown> }).arguments = { action: "delete everything" };
    const error = expectRpcError(await postModern(url, borrowed), 200, -32602, 31);
    expect(error.message).toContain("another request");
    // A state from another server process (another key) fails verification too.
    await using other = await startApp();
    const foreign = await firstLeg(`${other.url}/mcp`);
    const refused = expectRpcError(await postModern(url, confirmCall(32, { inputResponses: answer, requestState: foreign.requestState })), 200, -32602, 32);
    expect(refused.message).toContain("failed verification");
  });

  it("is listed for modern requests only: a legacy session neither lists nor runs it", async () => {
    await using server = await startApp();
    const url = `${server.url}/mcp`;
    const modern = (await postModern(url, { jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: modernMeta() } })).json() as {
      result: { tools: Array<{ name: string }> };
    };
    expect(modern.result.tools.map((tool) => tool.name)).toContain("confirm");
    const session = await initialize(url);
    const listed = (await session.request(2, "tools/list")) as { result: { tools: Array<{ name: string }> } };
    expect(listed.result.tools.map((tool) => tool.name)).not.toContain("confirm");
    expect(listed.result.tools.map((tool) => tool.name)).toContain("echo");
    const called = (await session.request(3, "tools/call", { name: "confirm", arguments: { action: "x" } })) as { error?: { code: number } };
    expect(called.error?.code).toBe(-32602);
  });

  it("completes with the official SDK v2 client, whose multi-round-trip driver calls its elicitation handler", async () => {
    await using server = await startApp();
    const client = new Client({ name: "sdk-v2-mrtr", version: "1.0.0" }, { capabilities: { elicitation: {} }, versionNegotiation: { mode: { pin: MODERN } } });
    const asked: string[] = [];
    client.setRequestHandler("elicitation/create", async (request) => {
      asked.push((request.params as { message: string }).message);
      return { action: "accept", content: { confirmed: true } };
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const result = await client.callTool({ name: "confirm", arguments: { action: "ship it" } });
    expect(result).toMatchObject({ content: [{ type: "text", text: "The user confirmed: ship it" }], structuredContent: { confirmed: true } });
    expect(asked).toEqual(["Confirm: ship it"]);
    await client.close();
    expect(server.logs).toEqual([]);
  });
});
