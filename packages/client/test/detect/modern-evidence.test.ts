import { describe, expect, it } from "vitest";
import { startServer } from "@mcp-contract/test-helpers";
import { detectEra } from "../../src/detect/index.js";

/** A server whose answer to the modern request is fixed, and that refuses everything else with 404. */
async function answeringDiscover(status: number, body: unknown) {
  return startServer((req, res) => {
    const modern = req.headers["mcp-method"] === "server/discover";
    req.resume();
    if (!modern) return void res.writeHead(404).end();
    res.writeHead(status, { "content-type": "application/json" }).end(body === undefined ? "" : JSON.stringify(body));
  }, { wireContract: false /* answers each way a server might, conforming or not, on purpose */ });
}

const error = (code: number, data?: unknown) => ({ jsonrpc: "2.0", id: "mcp-contract-detect-discover", error: { code, message: "m", data } });

describe("what proves a modern server", () => {
  it.each([
    ["-32020 HeaderMismatch", -32020],
    ["-32021 MissingRequiredClientCapability", -32021],
    ["-32022 UnsupportedProtocolVersion", -32022],
    ["-32602 Invalid params (a missing _meta)", -32602],
  ])("a 400 with %s", async (_name, code) => {
    await using peer = await answeringDiscover(400, error(code, { supported: ["2026-07-28"] }));
    const detection = await detectEra(peer.url, { probeDualEra: false });
    expect(detection.server).toMatchObject({ era: "modern", evidence: "modern-error", errorCode: code });
  });

  it.each([
    ["an empty 400", 400, undefined],
    ["a 400 with -32000", 400, error(-32000)],
    ["a 404 with -32601 (a legacy server that knows no server/discover)", 404, error(-32601)],
    ["a 405 with no JSON-RPC body", 405, { detail: "Method Not Allowed" }],
    ["a bare 200 whose result has no resultType", 200, { jsonrpc: "2.0", id: "mcp-contract-detect-discover", result: {} }],
  ])("not %s: detection goes on to initialize", async (_name, status, body) => {
    await using peer = await answeringDiscover(status, body);
    const detection = await detectEra(peer.url);
    expect(detection.server).toBeUndefined();
    expect(detection.trace.map((step) => step.name)).toEqual(["modern-discover", "initialize", "sse-endpoint"]);
  });

  it("an UnsupportedProtocolVersionError that offers only legacy revisions leads to initialize with one of them", async () => {
    await using peer = await answeringDiscover(400, error(-32022, { supported: ["2025-03-26"], requested: "2026-07-28" }));
    const detection = await detectEra(peer.url);
    expect(detection.trace[1]).toMatchObject({ name: "initialize" });
    expect(detection.trace[0]!.verdict).toMatch(/-32022 \(supported: 2025-03-26\)/);
  });
});
