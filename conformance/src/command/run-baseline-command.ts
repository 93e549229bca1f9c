/**
 * `mcp-contract baseline <url> … [--write file]`: runs the checks (progress on stderr) and
 * writes every failure and warning as a starting baseline, to the file or stdout. Entries of an
 * existing `--baseline` keep their hand-written reasons.
 */
import { baselineFromReport } from "../baseline/write-baseline.js";
import type { RunOptions } from "../runner.js";
import { runWithProgress, writeOut, type CommandIo } from "./run-check-command.js";

export async function runBaselineCommand(run: RunOptions, io: CommandIo, write: string | undefined, previousFile?: string): Promise<number> {
  const report = await runWithProgress(run, "stderr", io, previousFile);
  if (typeof report === "number") return report;
  // Nothing ran, so there is nothing to expect: writing an empty baseline would hide the cause.
  if (report.outcome === "could-not-run") return 3;
  const text = baselineFromReport(report);
  if (write === undefined) {
    io.stdout.write(text);
    return 0;
  }
  if (!(await writeOut(write, text, io))) return 2;
  const count = report.results.filter((r) => r.status === "failed" || r.status === "warning").length;
  io.stderr.write(`mcp-contract: wrote ${count} expected failure(s) to ${write}; edit each reason to say why, then run check --baseline ${write}\n`);
  return 0;
}
