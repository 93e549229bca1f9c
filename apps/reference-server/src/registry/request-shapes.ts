/**
 * The shapes the registry stores, made from what arrives: a create request reduced to the schema's
 * fields, and an upstream's `tools/list` answer checked against the McpTool schema.
 */
import { validateAgainst, type CreateMcpServerRequest } from "@mcp-contract/api-types";
import type { Tool as UpstreamTool } from "@modelcontextprotocol/sdk/types.js";
import type { StoredServer } from "./stored-server.js";
import { toMcpTool, type ToolDefinition } from "./tool-store.js";
import { UpstreamFailure } from "./upstream-failure.js";

/** A stand-in id to check an upstream's tool against the McpTool schema before it has one. */
const PROBE_TOOL_ID = "mcp_tool-00000000-0000-4000-8000-000000000000";

/** The request as stored: only the schema's fields, `args` defaulted. */
export function normalized(request: CreateMcpServerRequest): CreateMcpServerRequest {
  const { server_name } = request;
  if (request.mcp_server_type === "stdio") {
    const { command, args = [], env } = request;
    return { server_name, mcp_server_type: "stdio", command, args, ...(env ? { env } : {}) };
  }
  const { mcp_server_type, server_url, auth_header, auth_token, custom_headers } = request;
  return {
    server_name,
    mcp_server_type,
    server_url,
    ...(auth_header === undefined ? {} : { auth_header }),
    ...(auth_token === undefined ? {} : { auth_token }),
    ...(custom_headers === undefined ? {} : { custom_headers }),
  } as CreateMcpServerRequest;
}

/** The upstream's tools as the registry stores them; a tool that breaks the McpTool schema is a 502. */
export function toDefinitions(server: StoredServer, listed: readonly UpstreamTool[]): ToolDefinition[] {
  const seen = new Set<string>();
  return listed.map((tool) => {
    const definition = {
      name: tool.name,
      ...(tool.title === undefined ? {} : { title: tool.title }),
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: tool.inputSchema,
      ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema }),
      ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
    } as ToolDefinition;
    const upstream = `Upstream '${server.server_name}'`;
    if (seen.has(tool.name)) throw new UpstreamFailure("error", `${upstream} listed tool '${tool.name}' twice.`, false);
    seen.add(tool.name);
    const probe = toMcpTool({ id: PROBE_TOOL_ID, mcp_server_id: server.id, definition }, server.server_name);
    const check = validateAgainst("registry", "McpTool", probe);
    if (!check.ok) {
      throw new UpstreamFailure("error", `${upstream} listed an invalid tool '${tool.name}': ${check.message}`, false);
    }
    return definition;
  });
}
