/**
 * One body rule for every route: the registry and the MCP message endpoints take the same media
 * types, check them in the same order (415 before 413), share one 4 MiB limit and close the
 * connection after a 413. Each case runs against a registry route and a message route of one
 * gateway, so the two cannot drift apart again.
 * @see openapi/registry.yaml (info, PayloadTooLarge, UnsupportedMediaType) and openapi/message.yaml
 */
import { MAX_MESSAGE_BYTES } from "@mcp-contract/api-types";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../src/gateway.js";
import { CELONIS_BUILTIN, expectSpec, openSession, parseRawResponse, post, rawExchange, SSE_DIALECTS } from "./harness.js";

const REGISTRY = "/v1/mcp-servers";
const SERVER = { server_name: "docs", mcp_server_type: "sse", server_url: "http://127.0.0.1:9/sse" };
const PING = { jsonrpc: "2.0", id: 1, method: "ping" };
/** Registry writes need the operator token (issue 11), which then every endpoint asks for. */
const OPERATOR = "operator-body-rules-71c3";
const AUTH = { authorization: `Bearer ${OPERATOR}` };
const AUTH_LINE = `Authorization: Bearer ${OPERATOR}\r\n`;

async function startGateway(): Promise<{ url: string; port: number } & AsyncDisposable> {
  const gateway = createGateway({ config: { adminTokens: [OPERATOR] }, registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"] }, log: () => {} });
  const running = await startServer(gateway.app.server);
  return { url: running.url, port: running.port, [Symbol.asyncDispose]: () => gateway.close() };
}

/** The message text of an error body of either kind (ApiError or TransportError). */
function messageOf(body: unknown): string {
  const value = body as { detail?: string; error?: { message?: string } };
  return value.detail ?? value.error?.message ?? "";
}

describe("one body rule for the registry and the message endpoints", () => {
  it.each([
    ["a +json type", "application/vnd.api+json"],
    ["a charset other than UTF-8", "application/json; charset=latin1"],
    ["text/plain", "text/plain"],
  ])("answers 415 for %s on both", async (_name, contentType) => {
    await using server = await startGateway();
    await using session = await openSession(server.url, SSE_DIALECTS[0]!, AUTH);
    const registry = await post(server.url + REGISTRY, SERVER, { ...AUTH, "content-type": contentType });
    const message = await post(session.postUrl, PING, { ...AUTH, "content-type": contentType });
    const celonis = await post(server.url + CELONIS_BUILTIN, PING, { ...AUTH, "content-type": contentType });
    expect([registry.status, message.status, celonis.status]).toEqual([415, 415, 415]);
    expectSpec("registry", "ApiError", registry.json());
    expect(registry.json()).toMatchObject({ code: "bad_request" });
    expectSpec("message", "TransportError", message.json());
    expect(messageOf(registry.json())).toBe(messageOf(message.json()));
  });

  it("accepts application/json with charset=UTF-8 on both", async () => {
    await using server = await startGateway();
    await using session = await openSession(server.url, SSE_DIALECTS[0]!, AUTH);
    const registry = await post(server.url + REGISTRY, SERVER, { ...AUTH, "content-type": "application/json; charset=UTF-8" });
    const message = await post(session.postUrl, PING, { ...AUTH, "content-type": "Application/JSON; charset=\"utf-8\"" });
    expect([registry.status, message.status]).toEqual([201, 202]);
  });

  it.each([
    ["the registry", () => REGISTRY],
    ["Celonis", () => CELONIS_BUILTIN],
  ])("checks the media type before the declared size on %s (415, not 413)", async (_name, path) => {
    await using server = await startGateway();
    const head = `POST ${path()} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${AUTH_LINE}Content-Type: text/plain\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`;
    const { response } = await rawExchange(server.port, head, async () => {});
    expect(parseRawResponse(response).status).toBe(415);
  });

  it("answers 413 from Content-Length with the same message on both, and closes the connection", async () => {
    await using server = await startGateway();
    await using session = await openSession(server.url, SSE_DIALECTS[0]!, AUTH);
    const answers = [];
    for (const path of [REGISTRY, new URL(session.postUrl).pathname + new URL(session.postUrl).search]) {
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${AUTH_LINE}Content-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`;
      const { response, closed } = await rawExchange(server.port, head, async (write) => void write('{"server_name":'));
      const answer = parseRawResponse(response);
      expect(answer.status).toBe(413);
      expect(answer.headers).toMatch(/\r\nconnection: close/i);
      expect(closed).toBe(true);
      answers.push(answer.body);
    }
    expectSpec("registry", "ApiError", answers[0]);
    expect(answers[0]).toMatchObject({ code: "bad_request" });
    expect(messageOf(answers[0])).toBe(messageOf(answers[1]));
    expect(messageOf(answers[0])).toContain(`the limit is ${MAX_MESSAGE_BYTES} bytes`);
  });

  it("reads a registry body between the old 1 MiB and the 4 MiB limit, and refuses one past it", async () => {
    await using server = await startGateway();
    const pad = (bytes: number) => JSON.stringify({ ...SERVER, pad: "x".repeat(bytes) });
    const read = await post(server.url + REGISTRY, pad(2 * 1024 * 1024), AUTH);
    // Read and validated: the unknown field is named, so the body was not refused for its size.
    expect(read.status).toBe(422);
    expect(read.json()).toMatchObject({ code: "validation_failed", errors: [{ field: "/pad" }] });
    const refused = await post(server.url + REGISTRY, pad(MAX_MESSAGE_BYTES), AUTH);
    expect(refused.status).toBe(413);
    expectSpec("registry", "ApiError", refused.json());
  });

  it("answers 413 the moment a chunked registry body crosses 4 MiB, and closes", async () => {
    await using server = await startGateway();
    const head = `POST ${REGISTRY} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${AUTH_LINE}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const { response, closed } = await rawExchange(server.port, head, async (write, answered) => {
      while (sent < 16 * MAX_MESSAGE_BYTES && !answered()) {
        write(`${chunk.length.toString(16)}\r\n`);
        write(chunk);
        if (!write("\r\n")) await new Promise((resolve) => setImmediate(resolve));
        sent += chunk.length;
      }
    });
    const answer = parseRawResponse(response);
    expect(answer.status).toBe(413);
    expectSpec("registry", "ApiError", answer.body);
    expect(sent).toBeLessThan(16 * MAX_MESSAGE_BYTES);
    expect(closed).toBe(true);
  });

  it("answers Expect: 100-continue with an oversize Content-Length by 413 alone, never 100 Continue (issue 11, finding 9)", async () => {
    await using server = await startGateway();
    for (const path of [REGISTRY, CELONIS_BUILTIN]) {
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${AUTH_LINE}Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`;
      const { response, closed } = await rawExchange(server.port, head, async () => {});
      expect(response.startsWith("HTTP/1.1 413 "), response.slice(0, 40)).toBe(true);
      expect(response).not.toContain("100 Continue");
      expect(closed).toBe(true);
    }
  });
});
