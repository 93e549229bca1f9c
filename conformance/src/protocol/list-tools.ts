/**
 * tools/list followed through every page, bounded: at most `maxPages` pages, and a cursor seen
 * twice ends the walk as a problem (a server that loops would otherwise never finish).
 * @see https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination
 */
import type { Tool } from "@mcp-contract/api-types";
import type { Answer, Session } from "../session/session.js";
import { rpcRequest } from "./messages.js";

/** Every page walked, the tools gathered, and why the walk stopped early (if it did). */
export interface ToolPages {
  /** Every page's answer, in order. */
  readonly answers: readonly Answer[];
  /** The `tools` of every page that had a result, concatenated. */
  readonly tools: readonly Tool[];
  /** Why the walk stopped early, if it did. */
  readonly problem?: string;
}

/** Lists tools on `session` page by page until there is no nextCursor, a cursor repeats, or `maxPages`. */
export async function listAllTools(session: Session, maxPages = 20): Promise<ToolPages> {
  const answers: Answer[] = [];
  const tools: Tool[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await session.request(
      rpcRequest(`tools-list-${page}`, "tools/list", cursor === undefined ? undefined : { cursor }),
    );
    answers.push(answer);
    if (!answer.message) return { answers, tools, problem: `tools/list page ${page + 1}: ${answer.problem}` };
    if (!("result" in answer.message)) {
      return { answers, tools, problem: `tools/list page ${page + 1} answered an error: ${JSON.stringify(answer.message.error)}` };
    }
    const result = answer.message.result as { tools?: unknown; nextCursor?: unknown };
    if (Array.isArray(result.tools)) tools.push(...(result.tools as Tool[]));
    if (typeof result.nextCursor !== "string") return { answers, tools };
    if (cursors.has(result.nextCursor)) {
      return { answers, tools, problem: `tools/list returned the cursor ${JSON.stringify(result.nextCursor)} twice: pagination loops` };
    }
    cursors.add(result.nextCursor);
    cursor = result.nextCursor;
  }
  return { answers, tools, problem: `tools/list still had a nextCursor after ${maxPages} pages` };
}
