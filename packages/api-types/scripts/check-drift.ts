/**
 * What `npm run codegen:check` does, as a function: compares, reports each drifted file and how
 * to fix it, and gives the exit code. Apart from scripts/check.ts so the test runs it in process
 * (a child process would pay Node, tsx and the generators' start-up again).
 */
import { findDrift, type GenerateOptions } from "./codegen.js";

export async function checkDrift(root: string, write: (line: string) => void, options: GenerateOptions = {}): Promise<number> {
  const drifted = await findDrift(root, options);
  if (drifted.length === 0) {
    write("Generated files match openapi/.");
    return 0;
  }
  write("Generated files are out of date with openapi/:");
  for (const file of drifted) write(`  ${file}`);
  write("Run `npm run generate` and commit the result.");
  return 1;
}
