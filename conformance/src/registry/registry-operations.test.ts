import { describe, expect, it } from "vitest";
import { judgeResponse, registryOperation } from "./registry-operations.js";

const SERVER = {
  id: "mcp_server-56b10c32-97c5-4060-8e3d-12e040f889f2",
  server_name: "docs",
  mcp_server_type: "sse",
  server_url: "http://127.0.0.1:9/sse",
  auth_header: "Authorization",
  auth_token: "********",
  custom_headers: null,
  created_at: "2026-11-21T10:00:00.000Z",
  updated_at: "2026-11-21T10:00:00.000Z",
  last_refreshed_at: null,
};
const JSON_TYPE = "application/json; charset=utf-8";
const body = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe("judgeResponse", () => {
  it("reads each operation's path, method and documented statuses from the spec", () => {
    const operation = registryOperation("refreshMcpServerTools");
    expect(operation).toMatchObject({ method: "PATCH", path: "/v1/mcp-servers/{mcp_server_id}/refresh" });
    expect([...operation.responses.keys()]).toEqual(["200", "401", "403", "404", "502", "504"]);
  });

  it.each<[string, Parameters<typeof registryOperation>[0], number, string | undefined, Buffer, RegExp | undefined]>([
    ["a documented server", "retrieveMcpServer", 200, JSON_TYPE, body(SERVER), undefined],
    ["a documented page", "listMcpServers", 200, JSON_TYPE, body([SERVER]), undefined],
    ["a 204 without a body", "deleteMcpServer", 204, undefined, Buffer.alloc(0), undefined],
    ["a documented ApiError", "retrieveMcpServer", 404, JSON_TYPE, body({ detail: "No MCP server has id x.", code: "not_found" }), undefined],
    ["an undocumented status", "createMcpServer", 500, JSON_TYPE, body({ detail: "x", code: "internal_error" }), /^500 is not a documented status of createMcpServer \(documented: 201, 400/],
    ["a text body", "retrieveMcpServer", 200, "text/plain", Buffer.from("ok"), /has Content-Type text\/plain; the spec documents an application\/json McpServer/],
    ["broken JSON", "retrieveMcpServer", 404, JSON_TYPE, Buffer.from("{"), /404 of retrieveMcpServer is not valid JSON/],
    ["a secret in clear, named by the discriminated branch", "retrieveMcpServer", 200, JSON_TYPE, body({ ...SERVER, auth_token: "Bearer x" }), /breaks the McpServer schema: \(SseMcpServer\) \/auth_token must be "\*\*\*\*\*\*\*\*"/],
    ["a bad item in a page", "listMcpServers", 200, JSON_TYPE, body([SERVER, { ...SERVER, created_at: "yesterday" }]), /breaks the McpServer schema at item 1: \(SseMcpServer\) \/created_at must match format "date-time"/],
    ["an object where a page belongs", "listMcpServers", 200, JSON_TYPE, body(SERVER), /is not an array of McpServer/],
  ])("judges %s", (_, operation, status, type, payload, problem) => {
    const found = judgeResponse(registryOperation(operation), status, type, payload);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});
