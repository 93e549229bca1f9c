/**
 * Which tool, if any, the runner may call. It may be pointed at a production server, so it calls
 * only a tool the user named (`--tool NAME [--tool-args JSON]`), or one whose annotations say it
 * is read-only and not destructive (the server's own hints: the verdict says it relied on them).
 * Anything else leaves the tool-call checks "not verified".
 * @see https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool-annotations
 */
import type { Tool } from "@mcp-contract/api-types";
import { argumentsFor, callableTools, type CallableTool } from "./tool-schema.js";

/** The tool the user allows the runner to call, and its arguments (built from its schema when not given). */
export interface ToolChoice {
  readonly name: string;
  readonly args?: Record<string, unknown> | undefined;
}

/** A call the runner may make, and why it may. */
export interface AllowedCall extends CallableTool {
  readonly basis: string;
}

export type ToolDecision = { readonly call: AllowedCall } | { readonly notAllowed: string } | { readonly problem: string };

/** How to allow a call, for "not verified" messages. */
export const HOW_TO_ALLOW = "name a tool that is safe to call with --tool NAME (and --tool-args JSON)";

/** The call to make for `tools`, or why there is none. `avoid`: tools no check should pick by itself (`throw`). */
export function allowedToolCall(tools: readonly Tool[], choice: ToolChoice | undefined, avoid: readonly string[] = ["throw"]): ToolDecision {
  if (choice) {
    const tool = tools.find((candidate) => candidate.name === choice.name);
    if (!tool) return { problem: `--tool ${choice.name}: the server lists no such tool (it lists ${tools.map((t) => t.name).join(", ") || "none"})` };
    const args = choice.args ?? argumentsFor(tool);
    if (!args) return { problem: `--tool ${choice.name}: give --tool-args, this runner cannot build arguments from its inputSchema` };
    return { call: { tool, args, basis: "named with --tool" } };
  }
  const readOnly = callableTools(tools, avoid).filter(({ tool }) => tool.annotations?.readOnlyHint === true && tool.annotations.destructiveHint !== true);
  const [first] = readOnly;
  if (first) return { call: { ...first, basis: "its annotations say readOnlyHint: true (the server's own hint)" } };
  return { notAllowed: `none of the ${tools.length} listed tools is annotated readOnlyHint: true, so none is called unasked; ${HOW_TO_ALLOW}` };
}

/** The listed tools the runner may call at all: the one named with --tool, or the read-only ones. */
export function toolsSafeToCall(tools: readonly Tool[], choice: ToolChoice | undefined): Tool[] {
  if (choice) return tools.filter((tool) => tool.name === choice.name);
  return tools.filter((tool) => tool.annotations?.readOnlyHint === true && tool.annotations.destructiveHint !== true);
}
