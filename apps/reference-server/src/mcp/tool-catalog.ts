/**
 * The built-in tools and every other ToolSource behind one face: lists tools in source order (the
 * first source wins a name), calls a tool on the first source that has it, says whether a
 * Celonis asset exists, and tells watchers when any source's tools change.
 */
import type { Tool } from "@mcp-contract/api-types";
import type { BuiltinTools } from "../tools/builtin-tools.js";
import type { ToolAnswer, ToolCallContext, ToolScope, ToolSource } from "../tools/tool-source.js";

export class ToolCatalog {
  constructor(
    private readonly builtins: BuiltinTools,
    /** The other sources, asked after the built-ins, in order. */
    private readonly sources: readonly ToolSource[],
  ) {}

  /** Calls `listener` whenever a source's tools change, until the returned function is called. */
  watch(listener: () => void): () => void {
    const stops = this.sources.flatMap((source) => (source.changes ? [source.changes.watch(listener)] : []));
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** The tools visible in `scope`, in a stable order. */
  async list(scope: ToolScope): Promise<Tool[]> {
    const own = this.builtins.listTools(scope);
    if (this.sources.length === 0) return own;
    const seen = new Set<string>(own.map((tool) => tool.name));
    const tools: Tool[] = [...own];
    for (const source of this.sources) {
      for (const tool of await source.listTools(scope)) {
        if (seen.has(tool.name)) continue;
        seen.add(tool.name);
        tools.push(tool);
      }
    }
    return tools;
  }

  /**
   * The first source's result for `name`, or undefined when no source has the tool. A built-in
   * tool that answers at once is answered without a promise: `echo` is the hot path.
   */
  call(
    scope: ToolScope,
    name: string,
    args: Record<string, unknown>,
    context: ToolCallContext,
  ): ToolAnswer | Promise<ToolAnswer | undefined> | undefined {
    const own = this.builtins.callNow(scope, name, args, context);
    if (own !== undefined || this.sources.length === 0) return own;
    return this.callSources(scope, name, args, context);
  }

  private async callSources(scope: ToolScope, name: string, args: Record<string, unknown>, context: ToolCallContext): Promise<ToolAnswer | undefined> {
    for (const source of this.sources) {
      const result = await source.callTool(scope, name, args, context);
      if (result !== undefined) return result;
    }
    return undefined;
  }

  /** Whether the Celonis asset exists: `builtin` always, others when a source serves them. */
  async hasAsset(assetId: string): Promise<boolean> {
    if (this.builtins.hasAsset(assetId)) return true;
    for (const source of this.sources) if (await source.hasAsset(assetId)) return true;
    return false;
  }
}
