import { describe, expect, it } from "vitest";
import { appendToBase, McpTransportError, resolveEndpoint, type ResolveEndpointOptions } from "../src/index.js";

const OPENSEARCH = new URL("http://127.0.0.1:9200/_plugins/_ml/mcp/sse");

const resolves: [string, { sse: URL; data: string; options?: ResolveEndpointOptions; want: string }][] = [
  ["query-only data keeps the stream's path (Celonis)", {
    sse: new URL("http://127.0.0.1:1/studio-copilot/api/v1/mcp-servers/mcp/builtin"),
    data: "?sessionId=abc",
    want: "http://127.0.0.1:1/studio-copilot/api/v1/mcp-servers/mcp/builtin?sessionId=abc",
  }],
  ["relative-path data replaces the last segment", {
    sse: new URL("http://127.0.0.1:1/a/sse"),
    data: "message?sessionId=abc",
    want: "http://127.0.0.1:1/a/message?sessionId=abc",
  }],
  ["absolute-path data replaces the whole path (Spice)", {
    sse: new URL("http://127.0.0.1:1/v1/mcp/sse"),
    data: "/v1/mcp/sse?sessionId=abc",
    want: "http://127.0.0.1:1/v1/mcp/sse?sessionId=abc",
  }],
  ["OpenSearch default data resolved as a URL lands at the root", {
    sse: OPENSEARCH,
    data: "/sse/message?sessionId=abc",
    want: "http://127.0.0.1:9200/sse/message?sessionId=abc",
  }],
  ["append-to-base concatenates onto the SSE URL minus /sse (Java)", {
    sse: OPENSEARCH,
    data: "/sse/message?sessionId=abc",
    options: { resolution: "append-to-base" },
    want: "http://127.0.0.1:9200/_plugins/_ml/mcp/sse/message?sessionId=abc",
  }],
  ["append-to-base drops the SSE URL's query", {
    sse: new URL("http://127.0.0.1:9200/_plugins/_ml/mcp/sse?append_to_base_url=false"),
    data: "/sse/message?sessionId=abc",
    options: { resolution: "append-to-base" },
    want: "http://127.0.0.1:9200/_plugins/_ml/mcp/sse/message?sessionId=abc",
  }],
  ["append-to-base adds no slash to query-only data", {
    sse: OPENSEARCH,
    data: "?sessionId=abc",
    options: { resolution: "append-to-base" },
    want: "http://127.0.0.1:9200/_plugins/_ml/mcp?sessionId=abc",
  }],
  ["an absolute URL on another origin is allowed with sameOrigin: false", {
    sse: OPENSEARCH,
    data: "http://127.0.0.1:1/m?sessionId=abc",
    options: { sameOrigin: false },
    want: "http://127.0.0.1:1/m?sessionId=abc",
  }],
];

const refuses: [string, { data: string; options?: ResolveEndpointOptions; want: RegExp }][] = [
  ["an absolute URL on another origin", { data: "http://127.0.0.1:1/m?sessionId=abc", want: /another origin/ }],
  ["a protocol-relative URL on another host", { data: "//evil.example/m", want: /another origin/ }],
  ["empty data", { data: "", want: /empty data/ }],
  ["data that is not a URL", { data: "http://[", want: /does not resolve/ }],
];

describe("resolveEndpoint", () => {
  it.each(resolves)("%s", (_name, { sse, data, options, want }) => {
    expect(resolveEndpoint(data, sse, options).href).toBe(want);
  });

  it.each(refuses)("refuses %s with a bad-endpoint error", (_name, { data, options, want }) => {
    const error = (() => {
      try {
        resolveEndpoint(data, OPENSEARCH, options);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(McpTransportError);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "bad-endpoint", message: expect.stringMatching(want) });
    expect((error as Error).cause).toBeDefined();
  });

  it("appendToBase is the plain concatenation it documents", () => {
    expect(appendToBase("/sse/message?sessionId=1", OPENSEARCH)).toBe("http://127.0.0.1:9200/_plugins/_ml/mcp/sse/message?sessionId=1");
    expect(appendToBase("x", OPENSEARCH)).toBe("http://127.0.0.1:9200/_plugins/_ml/mcpx");
  });
});
