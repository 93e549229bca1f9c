/**
 * Letta's `func_return`: what a tool returned, as the one string a Letta client reads from a tool
 * run. The text of the result's text blocks, joined with newlines; a result without text is given
 * as the JSON of its `structuredContent`, or else of its `content`.
 */
import type { CallToolResult } from "@mcp-contract/api-types";

export function funcReturnOf(result: Pick<CallToolResult, "content" | "structuredContent">): string {
  const texts = result.content.flatMap((block) => (block.type === "text" ? [block.text] : []));
  if (texts.length > 0) return texts.join("\n");
  return JSON.stringify(result.structuredContent ?? result.content);
}
