import { describe, expect, it } from "vitest";
import { startServer } from "@mcp-contract/test-helpers";
import { McpSession, ModernTransport } from "../../src/index.js";

const MAX = 64 * 1024;

/** A modern-looking server whose every answer misbehaves in the given way. */
async function startMisbehaving(kind: "endless-event" | "huge-json" | "ends-early" | "wrong-type") {
  let writes = 0;
  const running = await startServer((req, res) => {
    req.resume();
    if (kind === "huge-json") {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(MAX * 4) }).end("{}");
      return;
    }
    if (kind === "wrong-type") {
      res.writeHead(200, { "content-type": "text/html" }).end("<p>hello</p>");
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    if (kind === "ends-early") {
      res.end(`: keep-alive\n\ndata: ${JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: "x" } })}\n\n`);
      return;
    }
    // One event that never ends: data lines and no blank line, until the client hangs up (bounded).
    res.write("data: ");
    const chunk = "x".repeat(16 * 1024);
    const pump = (): void => {
      while (!res.destroyed && writes < 1_000 && res.write(chunk)) writes += 1;
      if (!res.destroyed && writes < 1_000) res.once("drain", pump);
    };
    pump();
  }, { wireContract: false /* answers out of bounds on purpose */ });
  return { ...running, writes: () => writes };
}

describe("ModernTransport reads answers within bounds", () => {
  it("closes an SSE answer whose one event passes maxMessageBytes, with a too-large error", async () => {
    await using peer = await startMisbehaving("endless-event");
    await using session = new McpSession(new ModernTransport(`${peer.url}/mcp`, { maxMessageBytes: MAX }));
    await expect(session.listTools()).rejects.toMatchObject({ name: "McpTransportError", kind: "too-large" });
    expect(peer.writes()).toBeLessThan(1_000);
  });

  it("refuses a JSON answer that declares more than maxMessageBytes", async () => {
    await using peer = await startMisbehaving("huge-json");
    await using session = new McpSession(new ModernTransport(`${peer.url}/mcp`, { maxMessageBytes: MAX }));
    await expect(session.listTools()).rejects.toMatchObject({ kind: "too-large" });
  });

  it("fails a request whose stream ends without its answer (no resumption in 2026-07-28), after delivering what came", async () => {
    await using peer = await startMisbehaving("ends-early");
    await using session = new McpSession(new ModernTransport(`${peer.url}/mcp`));
    const seen: string[] = [];
    session.on("notification", (n) => seen.push(n.method));
    session.on("keepalive", () => seen.push("keepalive"));
    await expect(session.listTools()).rejects.toMatchObject({ kind: "stream-closed" });
    expect(seen).toEqual(["keepalive", "notifications/message"]);
  });

  it("names a 2xx answer that is neither JSON nor an event stream as bad-answer", async () => {
    await using peer = await startMisbehaving("wrong-type");
    await using session = new McpSession(new ModernTransport(`${peer.url}/mcp`));
    const error = await session.listTools().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad-answer", status: 200 });
    expect((error as Error).message).toMatch(/answered 200 with text\/html: expected application\/json or text\/event-stream/);
  });
});
