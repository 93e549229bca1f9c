/**
 * Every ToolSource behind one face: lists tools in source order (first source wins a name), calls
 * a tool on the first source that has it, and says whether a Celonis asset exists.
 */
import type { CallToolResult, Tool } from "@mcp-contract/api-types";
import { BUILTIN_ASSET } from "../tools/builtin-tools.js";
import type { ToolCallContext, ToolScope, ToolSource } from "../tools/tool-source.js";

export class ToolCatalog {
  constructor(private readonly sources: readonly ToolSource[]) {}

  /** The tools visible in `scope`, in a stable order. */
  async list(scope: ToolScope): Promise<Tool[]> {
    const [only] = this.sources;
    if (this.sources.length === 1 && only) return only.listTools(scope);
    const seen = new Set<string>();
    const tools: Tool[] = [];
    for (const source of this.sources) {
      for (const tool of await source.listTools(scope)) {
        if (seen.has(tool.name)) continue;
        seen.add(tool.name);
        tools.push(tool);
      }
    }
    return tools;
  }

  /** The first source's result for `name`, or undefined when no source has the tool. */
  async call(scope: ToolScope, name: string, args: Record<string, unknown>, context: ToolCallContext): Promise<CallToolResult | undefined> {
    for (const source of this.sources) {
      const result = await source.callTool(scope, name, args, context);
      if (result !== undefined) return result;
    }
    return undefined;
  }

  /** Whether the Celonis asset exists: `builtin` always, others when a source serves them. */
  async hasAsset(assetId: string): Promise<boolean> {
    if (assetId === BUILTIN_ASSET) return true;
    for (const source of this.sources) if (await source.hasAsset(assetId)) return true;
    return false;
  }
}
