/** Reads the vendors' public docs in ../shared/seeds/ (beside the repository) for the seed tests. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = path.resolve(fileURLToPath(import.meta.url), "../../../..");
export const SEEDS_DIR = path.resolve(repositoryRoot, "../shared/seeds");

export function readSeed(name: string): string {
  const file = path.join(SEEDS_DIR, name);
  if (!existsSync(file)) {
    throw new Error(`Seed ${file} is missing: the tests expect ../shared/seeds beside the repository.`);
  }
  return readFileSync(file, "utf8");
}

/** The `event:`/`data:` pairs written in a doc page, in order (data joined as the doc shows it). */
export function sseExamples(text: string): { event: string; data: string }[] {
  const found: { event: string; data: string }[] = [];
  const pattern = /^event: *(\S+)\s*\n+data: *([^\n]*(?:\n(?!\s*\n|event:|```)[^\n]*)*)/gm;
  for (const match of text.matchAll(pattern)) {
    found.push({ event: match[1] ?? "", data: (match[2] ?? "").trim() });
  }
  return found;
}

/** Fenced ```json blocks of a Markdown page that hold a JSON body (an HTTP request line is dropped). */
export function jsonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
    (m[1] ?? "").replace(/^(GET|POST|PUT|PATCH|DELETE) [^\n]*\n?/, "").trim(),
  ).filter((block) => block.length > 0);
}
