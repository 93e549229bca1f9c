/**
 * `mcp-contract lint-spec <openapi-file>…`: prints each problem like a linter (file, JSON pointer,
 * severity, message), then what was found and a summary. Exit 0 without errors (warnings allowed),
 * 1 with errors, 2 for a usage error.
 */
import { lintSpecFiles } from "../lint-spec/lint-spec.js";
import type { CommandIo } from "./run-check-command.js";

export async function runLintSpecCommand(files: readonly string[], io: CommandIo): Promise<number> {
  if (files.length === 0) {
    io.stderr.write("mcp-contract: lint-spec needs the OpenAPI file(s) of your MCP endpoint: mcp-contract lint-spec openapi.yaml\n");
    return 2;
  }
  const result = await lintSpecFiles(files);
  if ("usageError" in result) {
    io.stderr.write(`mcp-contract: ${result.usageError}\n`);
    return 2;
  }
  for (const problem of result.problems) io.stdout.write(`${problem.file}${problem.pointer}  ${problem.severity}  ${problem.message}\n`);
  for (const op of result.operations) {
    const era = op.era ? `; ${op.era}` : op.kind === "message" ? "; HTTP+SSE (2024-11-05)" : "";
    const deviations = op.deviations ? `; declared deviations: ${op.deviations.join(", ")}` : "";
    io.stdout.write(`${op.kind === "message" ? "message POST" : "SSE GET     "}  ${op.label}${op.why ? `: ${op.why}` : ""}${era}${deviations}\n`);
  }
  const errors = result.problems.filter((p) => p.severity === "error").length;
  const warnings = result.problems.length - errors;
  const counts = `${errors} error(s), ${warnings} warning(s) in ${files.length} file(s)`;
  io.stdout.write(errors > 0 ? `\nFAIL ${counts}\n` : `\nPASS ${counts}\n`);
  return errors > 0 ? 1 : 0;
}
