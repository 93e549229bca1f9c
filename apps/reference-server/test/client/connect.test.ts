import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { connect } from "@mcp-contract/client";
import { startServer } from "@mcp-contract/test-helpers";
import { createApp } from "../../src/index.js";

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

const API_KEY = "spice-key";

async function startReference() {
  const app = createApp({ config: { apiKeys: [API_KEY] }, log: () => undefined });
  const server = await startServer(app.server);
  return {
    url: server.url,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([app.close(), server.close()]);
    },
  };
}

describe("@mcp-contract/client's connect against the reference server", () => {
  it("connects to the reference server's Spice HTTP+SSE dialect and its dual-era Streamable /v1/mcp alike", async () => {
    await using server = await startReference();
    await using sse = await connect(`${server.url}/v1/mcp/sse`, { apiKey: API_KEY });
    expect(sse.transport.name).toBe("http+sse");
    expect(textOf(await sse.callTool("echo", { text: "spice sse" }))).toBe("spice sse");
    // Detection tries the modern era first, which the dual-era /v1/mcp serves; its sessions stay open to the stateful transport.
    await using streamable = await connect(`${server.url}/v1/mcp`, { apiKey: API_KEY });
    expect(streamable.transport.name).toBe("streamable-http-modern");
    expect((await streamable.listTools()).map((tool) => tool.name)).toContain("echo");
    expect(textOf(await streamable.callTool("echo", { text: "spice streamable" }))).toBe("spice streamable");
    await using stateful = await connect(`${server.url}/v1/mcp`, { apiKey: API_KEY, transport: "streamable-http-stateful" });
    expect(stateful.transport.name).toBe("streamable-http-stateful");
    expect(textOf(await stateful.callTool("echo", { text: "spice session" }))).toBe("spice session");
  });

});
