/**
 * Tools for the 2026-07-28 tests: a modern request body and its headers, built the way the spec's
 * examples show them (streamable-http.mdx, "Standard Request Headers"), and a POST that returns
 * the parsed answer.
 */
import { expect } from "vitest";
import { post, type PostResult } from "./harness.js";
import { ACCEPT_BOTH } from "./streamable-harness.js";

export const MODERN = "2026-07-28";

/** The `_meta` every modern request carries. */
export function modernMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "io.modelcontextprotocol/protocolVersion": MODERN,
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "raw-http-test", version: "1.0.0" },
    ...extra,
  };
}

/** A modern request: `params` plus the standard `_meta`. */
export function modernRequest(id: number | string, method: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  return { jsonrpc: "2.0", id, method, params: { ...params, _meta: modernMeta() } };
}

/** The headers that mirror `body`: MCP-Protocol-Version, Mcp-Method and (where needed) Mcp-Name. */
export function modernHeaders(body: Record<string, unknown>, extra: Record<string, string> = {}): Record<string, string> {
  const params = (body["params"] ?? {}) as Record<string, unknown>;
  const method = String(body["method"]);
  const name = method === "resources/read" ? params["uri"] : method === "tools/call" || method === "prompts/get" ? params["name"] : undefined;
  return {
    accept: ACCEPT_BOTH,
    "mcp-protocol-version": MODERN,
    "mcp-method": method,
    ...(typeof name === "string" ? { "mcp-name": name } : {}),
    ...extra,
  };
}

/** POSTs a modern request with its mirrored headers (overridable; a header set to "" is dropped). */
export async function postModern(url: string, body: Record<string, unknown>, extra: Record<string, string> = {}): Promise<PostResult> {
  const headers = Object.fromEntries(Object.entries(modernHeaders(body, extra)).filter(([, value]) => value !== ""));
  return post(url, body, headers);
}

/** Expects a JSON-RPC error answer with `status`, `code` and the request's `id`; returns the error. */
export function expectRpcError(result: PostResult, status: number, code: number, id: unknown): { code: number; message: string; data?: Record<string, unknown> } {
  expect(result.status).toBe(status);
  expect(result.headers.get("content-type")).toBe("application/json");
  const body = result.json() as { id: unknown; error: { code: number; message: string; data?: Record<string, unknown> } };
  expect(body.error.code).toBe(code);
  expect(body.id).toBe(id);
  expect(body.error.message.length).toBeGreaterThan(20);
  return body.error;
}
