/**
 * The root README's Quick start, read as a newcomer reads it: the commands of its first shell block
 * (install and start), and the `npx mcp-contract` lines of the block to run "in another
 * terminal". The test runs these very lines, so a README edit changes what is tested.
 */
import { readFileSync } from "node:fs";

export interface QuickStart {
  /** The first block's first line, split on `&&`: e.g. `npm install`, `npm start`. */
  readonly setup: readonly string[];
  /** Every `npx mcp-contract …` line of the later blocks, comments dropped. */
  readonly checks: readonly string[];
  /** The host:port the README says the server listens on. */
  readonly address: string;
}

export function readQuickStart(readmePath: string): QuickStart {
  const readme = readFileSync(readmePath, "utf8");
  const start = readme.indexOf("\n## Quick start");
  const end = readme.indexOf("\n## ", start + 1);
  if (start < 0) throw new Error(`${readmePath} has no "## Quick start" section`);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => (match[1] ?? "").split("\n").filter((line) => line.trim() !== ""));
  const [first, ...later] = blocks;
  const setup = (first?.[0] ?? "").split("&&").map((command) => command.trim());
  const checks = later.flat().map(withoutComment).filter((line) => line.startsWith("npx mcp-contract "));
  const address = /listening on http:\/\/([\d.]+:\d+)/.exec(section)?.[1];
  if (setup.length === 0 || checks.length === 0 || !address) throw new Error(`${readmePath}: the Quick start lost its install/start line, its check lines or its listening line`);
  return { setup, checks, address };
}

/** A shell line without its trailing `# comment` (none of the Quick start's commands quote a #). */
function withoutComment(line: string): string {
  return line.replace(/\s+#.*$/, "").trim();
}
