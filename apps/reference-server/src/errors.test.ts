import { validateAgainst } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import { HttpError, render, type ErrorDialect } from "./errors.js";

const cases: Array<[ErrorDialect, HttpError, string, string, string]> = [
  ["sse", new HttpError(404, "unknown_session", "Session not found."), "application/json", "message", "TransportError"],
  ["sse", new HttpError(400, "parse_error", "Parse error: x", { rpcCode: -32700 }), "application/json", "message", "TransportError"],
  ["sse", new HttpError(413, "payload_too_large", "Too large.", { data: { limit: 4_194_304 } }), "application/json", "message", "TransportError"],
  ["sse", new HttpError(500, "internal_error", "Internal error"), "application/json", "message", "TransportError"],
  ["sse", new HttpError(405, "method_not_allowed", "Use GET."), "application/json", "registry", "ApiError"],
  ["celonis", new HttpError(404, "not_found", "Asset not found or not accessible."), "application/json", "message", "ErrorDetail"],
  ["celonis", new HttpError(401, "unauthorized", "Unauthorized."), "application/json", "message", "ErrorDetail"],
  ["celonis", new HttpError(415, "unsupported_media_type", "Send JSON."), "application/json", "message", "TransportError"],
  ["celonis", new HttpError(413, "payload_too_large", "Too large."), "application/json", "message", "TransportError"],
  ["api", new HttpError(403, "forbidden_origin", "Forbidden."), "application/json", "registry", "ApiError"],
  ["api", new HttpError(404, "not_found", "No route."), "application/json", "registry", "ApiError"],
  ["api", new HttpError(500, "internal_error", "Internal error"), "application/json", "registry", "ApiError"],
];

describe("render", () => {
  it.each(cases)("%s %o fits %s %s", (dialect, error, contentType, spec, schema) => {
    const rendered = render(dialect, error);
    expect(rendered.contentType).toBe(contentType);
    const result = validateAgainst(spec as "message" | "registry", schema, JSON.parse(rendered.body));
    expect(result.ok ? "valid" : result.message).toBe("valid");
  });

  it("uses -32603 for a 500 and the given JSON-RPC code for a body error, -32000 otherwise", () => {
    const code = (error: HttpError) => (JSON.parse(render("sse", error).body) as { error: { code: number } }).error.code;
    expect(code(new HttpError(500, "internal_error", "Internal error"))).toBe(-32603);
    expect(code(new HttpError(400, "invalid_request", "Invalid", { rpcCode: -32600 }))).toBe(-32600);
    expect(code(new HttpError(404, "unknown_session", "Gone"))).toBe(-32000);
  });

  it("answers a Celonis 500 in plain text, as the seed documents", () => {
    expect(render("celonis", new HttpError(500, "internal_error", "x"))).toEqual({
      contentType: "text/plain; charset=utf-8",
      body: "Internal Server Error",
    });
  });
});
