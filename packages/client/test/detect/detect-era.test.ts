import { describe, expect, it } from "vitest";
import { startServer } from "@mcp-contract/test-helpers";
import { detectEra, detectionError, detectedServer } from "../../src/detect/index.js";
import { startSdkSseServer } from "../fixtures/sdk-sse-server.js";
import { startSdkV1Stateful, startSdkV1Stateless } from "../fixtures/peers/sdk-v1-streamable.js";
import { startSdkV2 } from "../fixtures/peers/sdk-v2.js";
import { startUnknownServer } from "../fixtures/peers/unknown-servers.js";

describe("detectEra against real peers", () => {
  it("finds the SDK v2 modern-only server modern from its server/discover result, and not dual-era", async () => {
    await using peer = await startSdkV2("modern-only");
    const detection = await detectEra(peer.mcpUrl);
    expect(detection.server).toMatchObject({
      era: "modern",
      transport: "streamable-http",
      evidence: "discover-result",
      supportedVersions: expect.arrayContaining(["2026-07-28"]),
      dualEra: false,
    });
    expect(detection.trace.map((step) => [step.name, step.status])).toEqual([
      ["modern-discover", 200],
      ["initialize", 400],
    ]);
    const discover = detection.trace[0]!;
    expect(discover.request.headers).toMatchObject({ "mcp-protocol-version": "2026-07-28", "mcp-method": "server/discover" });
    expect(discover.bodyExcerpt).toContain('"resultType"');
    expect(detection.summary).toMatch(/modern Streamable HTTP server \(2026-07-28; modern only\)/);
  });

  it("finds the SDK v2 default endpoint dual-era: modern, and it also answers initialize (statelessly)", async () => {
    await using peer = await startSdkV2("dual-era");
    const detection = await detectEra(peer.mcpUrl);
    expect(detection.server).toMatchObject({ era: "modern", dualEra: true, legacyProtocolVersion: "2025-11-25" });
    // Stateless legacy serving mints no session, so there is nothing to delete.
    expect(detection.trace.map((step) => step.name)).toEqual(["modern-discover", "initialize"]);
    expect(detection.trace[1]!.headers["mcp-session-id"]).toBeUndefined();
  });

  it("reads a server/discover answer sent as an SSE stream", async () => {
    await using peer = await startSdkV2("modern-only", { responseMode: "sse" });
    const detection = await detectEra(peer.mcpUrl, { probeDualEra: false });
    expect(detection.server).toMatchObject({ era: "modern", evidence: "discover-result" });
    expect(detection.trace[0]!.headers["content-type"]).toMatch(/^text\/event-stream/);
  });

  it("skips the dual-era probe when told to", async () => {
    await using peer = await startSdkV2("dual-era");
    const detection = await detectEra(peer.mcpUrl, { probeDualEra: false });
    expect(detection.server).toMatchObject({ era: "modern", dualEra: undefined });
    expect(detection.trace).toHaveLength(1);
  });

  it("ends after the modern probe when told not to probe the older transports", async () => {
    await using peer = await startSdkV1Stateful();
    const detection = await detectEra(peer.mcpUrl, { probeLegacy: false });
    expect(detection).toMatchObject({ server: undefined, stop: "unrecognised" });
    expect(detection.trace.map((step) => [step.name, step.status])).toEqual([["modern-discover", 400]]);
    expect(peer.openSessions()).toEqual([]);
  });

  it("falls back to initialize on the SDK v1 stateful server, notes its session and version, and deletes the session", async () => {
    await using peer = await startSdkV1Stateful();
    const detection = await detectEra(peer.mcpUrl);
    const server = detectedServer(detection);
    expect(server).toMatchObject({ era: "legacy", transport: "streamable-http", protocolVersion: "2025-11-25", sessionKept: false });
    expect(server.era === "legacy" && server.transport === "streamable-http" && server.sessionId).toMatch(/^[\x21-\x7e]+$/);
    expect(detection.trace.map((step) => [step.name, step.status])).toEqual([
      ["modern-discover", 400],
      ["initialize", 200],
      ["delete-session", 200],
    ]);
    expect(detection.trace[0]!.verdict).toMatch(/error -32000, which no modern server sends/);
    expect(peer.openSessions()).toEqual([]);
  });

  it("keeps the session for the caller when asked to", async () => {
    await using peer = await startSdkV1Stateful();
    const detection = await detectEra(peer.mcpUrl, { keepSession: true });
    expect(detection.server).toMatchObject({ sessionKept: true });
    const sessionId = detection.server?.transport === "streamable-http" && detection.server.era === "legacy" ? detection.server.sessionId : "";
    expect(peer.openSessions()).toEqual([sessionId]);
  });

  it("does not take the SDK v1 stateless server's bare answer to server/discover for a modern one", async () => {
    await using peer = await startSdkV1Stateless();
    const detection = await detectEra(peer.mcpUrl);
    expect(detection.server).toMatchObject({ era: "legacy", transport: "streamable-http", sessionId: undefined });
    expect(detection.trace.map((step) => step.name)).toEqual(["modern-discover", "initialize"]);
    expect(detection.trace[0]!.verdict).not.toMatch(/^modern/);
  });

  it("falls back twice and finds the SDK's HTTP+SSE server by its endpoint event, then closes the stream", async () => {
    await using peer = await startSdkSseServer();
    const detection = await detectEra(peer.sseUrl);
    expect(detection.server).toMatchObject({ era: "legacy", transport: "http+sse", endpoint: expect.stringMatching(/^\/messages\?sessionId=/) });
    expect(detection.trace.map((step) => [step.name, step.status])).toEqual([
      ["modern-discover", 404],
      ["initialize", 404],
      ["sse-endpoint", 200],
    ]);
    await expect.poll(() => peer.servers[0]?.isConnected() ?? false, { timeout: 5_000 }).toBe(false);
  });
});

describe("detectEra against servers that answer in no known way", () => {
  it("names every step and its status for a server that answers every request with a web page", async () => {
    await using peer = await startUnknownServer("html-404");
    const detection = await detectEra(`${peer.url}/mcp`);
    expect(detection.server).toBeUndefined();
    expect(detection.stop).toBe("unrecognised");
    expect(detection.trace.map((step) => step.status)).toEqual([404, 404, 404]);
    const error = detectionError(detection);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "unrecognised-server", trace: detection.trace });
    expect(error.message).toMatch(/^No MCP server recognised at http:\/\/127\.0\.0\.1:\d+\/mcp/);
    expect(error.message).toContain("1. POST server/discover → 404 text/html");
    expect(error.message).toContain("2. POST initialize → 404 text/html");
    expect(error.message).toContain("3. GET → 404 text/html");
  });

  it("does not take a bare 200 of text for any era", async () => {
    await using peer = await startUnknownServer("text-200");
    const detection = await detectEra(peer.url);
    expect(detection.server).toBeUndefined();
    expect(detection.trace.map((step) => step.verdict)).toEqual([
      "a 200 answer with no JSON-RPC response in it",
      "a 200 answer with no InitializeResult",
      "a 200 answer of text/plain, not an event stream",
    ]);
  });

  it("stops after the first step against a server that never answers: one timeout, not three", async () => {
    await using peer = await startUnknownServer("never-answers");
    const started = performance.now();
    const detection = await detectEra(peer.url, { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(detection.server).toBeUndefined();
    expect(detection.stop).toBe("timeout");
    expect(detection.trace.map((step) => step.failure)).toEqual(["no complete answer within 300 ms"]);
    expect(peer.requests).toEqual(["POST"]);
    expect(detectionError(detection)).toMatchObject({ kind: "timeout", message: expect.stringMatching(/did not finish answering in time.*within 300 ms/) });
  });

  it("stops at the first step when nothing listens, with one network error", async () => {
    const peer = await startServer((_req, res) => res.end(), { wireContract: false /* closed at once; never answers */ });
    const url = peer.url;
    await peer.close();
    const detection = await detectEra(url);
    expect(detection.stop).toBe("network");
    expect(detection.trace).toHaveLength(1);
    expect(detectionError(detection)).toMatchObject({ kind: "network", message: expect.stringMatching(/nothing answered.*ECONNREFUSED/) });
  });

  it("stops at a 401 and says the server wants credentials, without trying other transports", async () => {
    await using peer = await startServer((_req, res) => {
      res.writeHead(401, { "www-authenticate": 'Bearer realm="mcp"' }).end();
    }, { wireContract: false /* a bare 401 with no body, on purpose */ });
    const detection = await detectEra(peer.url, { bearer: "secret-token" });
    expect(detection.stop).toBe("auth");
    expect(detection.trace).toHaveLength(1);
    expect(detection.trace[0]!.headers["www-authenticate"]).toBe('Bearer realm="mcp"');
    expect(JSON.stringify(detection.trace)).not.toContain("secret-token");
    expect(detectionError(detection)).toMatchObject({ kind: "http-status", status: 401 });
  });

  it("reads no more than maxBodyBytes of an endless answer", async () => {
    await using peer = await startServer((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      const chunk = "x".repeat(16 * 1024);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    }, { wireContract: false /* an endless 400 body, on purpose */ });
    const detection = await detectEra(peer.url, { maxBodyBytes: 32 * 1024, maxExcerptChars: 100, timeoutMs: 2_000 });
    expect(detection.server).toBeUndefined();
    for (const step of detection.trace) expect(step.bodyExcerpt.length).toBeLessThanOrEqual(100);
    expect(detection.trace[0]!.failure).toBeUndefined();
  });
});
