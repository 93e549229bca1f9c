import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LEGACY_STREAMABLE_PROTOCOL_VERSIONS,
  MCP_ERROR,
  MODERN_PROTOCOL_VERSIONS,
  streamableSpec,
  validateAgainst,
} from "../src/index.js";

type Json = Record<string, unknown>;

/** The specification's own examples (fixtures/mcp-2026-07-28-examples.json names each source). */
const examples = JSON.parse(
  readFileSync(new URL("./fixtures/mcp-2026-07-28-examples.json", import.meta.url), "utf8"),
) as Record<string, { from: string; value: Json }>;

function example(name: string): Json {
  const entry = examples[name];
  if (!entry) throw new Error(`no example '${name}' in the fixture`);
  return structuredClone(entry.value);
}

function expectValid(schema: string, value: unknown): void {
  const result = validateAgainst("streamable", schema, value);
  expect(result.ok ? "valid" : result.message, JSON.stringify(value)).toBe("valid");
}

function expectInvalid(schema: string, value: unknown): string {
  const result = validateAgainst("streamable", schema, value);
  expect(result.ok, `expected ${schema} to reject ${JSON.stringify(value)}`).toBe(false);
  return result.ok ? "" : result.message;
}

function responsesOf(route: string, method: string): string[] {
  const op = streamableSpec.paths[route]?.[method] as { responses?: Json } | undefined;
  if (!op?.responses) throw new Error(`${method.toUpperCase()} ${route} is not in the streamable spec`);
  return Object.keys(op.responses);
}

describe("the 2026-07-28 specification examples validate against the streamable contract", () => {
  it.each([
    ["headerMismatch", "HeaderMismatchError"],
    ["unsupportedVersion", "UnsupportedProtocolVersionError"],
    ["missingCapability", "MissingRequiredClientCapabilityError"],
    ["discoverRequest", "ModernRequest"],
    ["callToolRequest", "ModernRequest"],
    ["listenRequest", "ModernRequest"],
    ["discoverResponse", "DiscoverResultResponse"],
    ["callToolResponse", "ModernResultResponse"],
    ["listToolsResponse", "ModernResultResponse"],
    ["listenClosed", "ModernResultResponse"],
  ])("%s is a valid %s", (name, schema) => {
    expectValid(schema, example(name));
  });

  it("every error example is a 400 body, and a -32601 error is a 404 body", () => {
    for (const name of ["headerMismatch", "unsupportedVersion", "missingCapability"]) {
      expectValid("BadRequestBody", example(name));
    }
    expectValid("NotFoundBody", { jsonrpc: "2.0", id: 3, error: example("methodNotFound") });
  });

  it("a listen stream of the acknowledgement and a list change is a modern SSE answer", () => {
    expectValid("ModernSseStream", [
      { event: "message", data: example("listenAcknowledged") },
      { data: example("toolsListChanged") },
      { data: example("listenClosed") },
    ]);
  });
});

describe("the streamable contract rejects what the specification forbids", () => {
  it("a modern request without clientCapabilities or protocolVersion in _meta", () => {
    for (const key of ["io.modelcontextprotocol/clientCapabilities", "io.modelcontextprotocol/protocolVersion"]) {
      const request = example("callToolRequest");
      delete ((request["params"] as Json)["_meta"] as Json)[key];
      expect(expectInvalid("ModernRequest", request)).toContain(`/params/_meta/${key} is required`);
    }
  });

  it("a modern result without resultType", () => {
    const response = example("callToolResponse");
    delete (response["result"] as Json)["resultType"];
    expect(expectInvalid("ModernResultResponse", response)).toContain("/result/resultType is required");
  });

  it("a discover result without supportedVersions, or with an empty list", () => {
    const missing = example("discoverResponse");
    delete (missing["result"] as Json)["supportedVersions"];
    expect(expectInvalid("DiscoverResultResponse", missing)).toContain("/result/supportedVersions is required");
    const empty = example("discoverResponse");
    (empty["result"] as Json)["supportedVersions"] = [];
    expectInvalid("DiscoverResultResponse", empty);
  });

  it("-32022 without data.supported or data.requested", () => {
    for (const key of ["supported", "requested"]) {
      const error = example("unsupportedVersion");
      delete ((error["error"] as Json)["data"] as Json)[key];
      expect(expectInvalid("UnsupportedProtocolVersionError", error)).toContain(`/error/data/${key} is required`);
    }
  });

  it("-32021 without data.requiredCapabilities", () => {
    const error = example("missingCapability");
    delete (error["error"] as Json)["data"];
    expect(expectInvalid("MissingRequiredClientCapabilityError", error)).toContain("/error/data is required");
  });

  it("an event id or retry on a modern answer stream (2026-07-28 streams are not resumable)", () => {
    const data = example("callToolResponse");
    expect(expectInvalid("ModernSseStream", [{ id: "1", data }])).toContain("/0/id is not allowed");
    expect(expectInvalid("ModernSseStream", [{ retry: 1000, data }])).toContain("/0/retry is not allowed");
  });

  it("an error code from -32020…-32099 that 2026-07-28 does not define, and the retired -32002", () => {
    for (const code of [-32023, -32042, -32002]) {
      expectInvalid("McpErrorResponse", { jsonrpc: "2.0", id: 1, error: { code, message: "x" } });
    }
  });

  it("a session id with a character outside visible ASCII", () => {
    expectValid("SessionIdValue", "Xq3sS0w3bV1nQ2oY7r9k8A");
    expectInvalid("SessionIdValue", "Xq3sS0w3 bV1nQ2oY7r9k8A");
    expectInvalid("SessionIdValue", "Xq3sS0w3bV1nQ2oY7r9k8é");
  });
});

describe("the streamable endpoints declare the statuses each revision names", () => {
  it("POST /mcp: 200, 202 and the JSON-RPC error statuses", () => {
    expect(responsesOf("/mcp", "post")).toEqual(
      expect.arrayContaining(["200", "202", "400", "403", "404", "413", "415"]),
    );
  });

  it("GET /mcp: an SSE stream or 405; DELETE /mcp: 2xx, 404 or 405", () => {
    expect(responsesOf("/mcp", "get")).toEqual(expect.arrayContaining(["200", "405"]));
    expect(responsesOf("/mcp", "delete")).toEqual(expect.arrayContaining(["204", "404", "405"]));
  });

  it("Spice ends a session with 204 and answers an unknown one 404", () => {
    expect(responsesOf("/v1/mcp", "delete")).toEqual(expect.arrayContaining(["204", "404"]));
    expect(responsesOf("/v1/mcp", "post")).toContain("404");
  });

  it("OpenSearch answers JSON only: its 200 has no event stream", () => {
    const op = streamableSpec.paths["/_plugins/_ml/mcp"]?.["post"] as {
      responses: Record<string, { content?: Json }>;
    };
    expect(Object.keys(op.responses["200"]?.content ?? {})).toEqual(["application/json"]);
  });
});

describe("protocol constants agree with the contract", () => {
  it("every revision and error code named in code is in the spec's enums", () => {
    for (const revision of [...MODERN_PROTOCOL_VERSIONS, ...LEGACY_STREAMABLE_PROTOCOL_VERSIONS]) {
      expectValid("ProtocolRevision", revision);
    }
    for (const code of Object.values(MCP_ERROR)) expectValid("McpErrorCode", code);
  });
});
