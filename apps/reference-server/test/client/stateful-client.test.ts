import { describe, expect, it } from "vitest";
import type { CallToolResult, Tool } from "@mcp-contract/api-types";
import { createApp, type ToolCallContext, type ToolSource } from "../../src/index.js";
import { startServer } from "@mcp-contract/test-helpers";
import { connect, McpSession, StatefulTransport } from "@mcp-contract/client";
import { cutAfterFirstEvent } from "./fixtures/cut-after-first-event.js";

const API_KEY = "spice-key";
const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

/**
 * One tool, `tally`, that counts its runs (the proof that a resumed call ran once) and reports
 * progress first, which makes the server answer on an SSE stream.
 */
class TallyTools implements ToolSource {
  runs = 0;
  readonly #tool: Tool = { name: "tally", description: "Counts its runs", inputSchema: { type: "object", properties: {} } };
  hasAsset(): boolean {
    return false;
  }
  listTools(): Tool[] {
    return [this.#tool];
  }
  async callTool(_scope: unknown, name: string, _args: unknown, context: ToolCallContext): Promise<CallToolResult | undefined> {
    if (name !== "tally") return undefined;
    this.runs += 1;
    context.reportProgress(1, 1);
    return { content: [{ type: "text", text: `run ${this.runs}` }] };
  }
}

async function startReference(tools: ToolSource) {
  const app = createApp({ config: { apiKeys: [API_KEY] }, toolSources: [tools], log: () => undefined });
  const server = await startServer(app.server);
  return {
    mcpUrl: `${server.url}/v1/mcp`,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([app.close(), server.close()]);
    },
  };
}

describe("StatefulTransport against the reference server's legacy Streamable HTTP (/v1/mcp)", () => {
  it("connects, pages through tools/list, calls tools with progress, and ends the session", async () => {
    const tools = new TallyTools();
    await using server = await startReference(tools);
    // /v1/mcp is dual-era, so detection would pick the modern era: the stateful transport is forced.
    await using session = await connect(server.mcpUrl, { apiKey: API_KEY, transport: "streamable-http-stateful" });
    expect(session.transport.name).toBe("streamable-http-stateful");
    expect((await session.listTools()).map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "progress", "tally"]));
    const progress: number[] = [];
    await session.callTool("progress", { steps: 3 }, { onProgress: (p) => progress.push(p.progress) });
    expect(progress).toHaveLength(3);
    expect(textOf(await session.callTool("tally"))).toBe("run 1");
  });

  it("resumes a POST stream cut right after its priming event: the answer arrives, the tool ran once", async () => {
    const tools = new TallyTools();
    await using server = await startReference(tools);
    const cutting = cutAfterFirstEvent();
    const transport = new StatefulTransport(server.mcpUrl, { apiKey: API_KEY, fetch: cutting.fetch, getStream: false, defaultRetryMs: 10 });
    await using session = new McpSession(transport);
    await transport.open();
    const progress: number[] = [];
    const result = await session.callTool("tally", {}, { onProgress: (p) => progress.push(p.progress) });
    expect(cutting.cuts()).toBe(1);
    expect(progress).toEqual([1]);
    expect(textOf(result)).toBe("run 1");
    expect(tools.runs).toBe(1);
    const resume = cutting.requests.find((request) => request.method === "GET");
    expect(resume?.lastEventId).toMatch(/\S/);
  });
});
