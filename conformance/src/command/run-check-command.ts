/**
 * `mcp-contract check`: loads the baseline (if any), runs the checks with live pretty progress,
 * writes each machine report where the plan says, and returns the exit code (0 pass, 1 fail or a
 * stale baseline entry, 2 configuration error, 3 could not run: one root cause kept every check
 * from running).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { loadBaseline, type Baseline } from "../baseline/baseline-file.js";
import { allChecks } from "../checks/registry.js";
import { runChecks, UsageError } from "../runner.js";
import { PrettyReporter, summaryLine } from "../report/pretty.js";
import { renderJson } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif, type SarifArtifact } from "../report/sarif.js";
import type { Report } from "../report/model.js";
import type { MachineReporter, OutputPlan } from "./parse-options.js";
import type { RunOptions } from "../runner.js";
import { NO_ARTIFACT_HINT, resolveSarifArtifact } from "./sarif-artifact.js";

type Render = (report: Report, artifact: SarifArtifact | undefined) => string;
const RENDER: Record<MachineReporter, Render> = {
  json: renderJson,
  junit: renderJunit,
  sarif: (report, artifact) => renderSarif(report, { artifact }),
  markdown: (report) => renderMarkdown(report),
  html: (report) => renderHtml(report),
};

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export async function runCheckCommand(run: RunOptions, outputs: OutputPlan, io: CommandIo, baselineFile?: string, sarifLocation?: string): Promise<number> {
  let artifact: SarifArtifact | undefined;
  if (outputs.machine.some(({ reporter }) => reporter === "sarif")) {
    // Decided before the run, so a wrong --sarif-location costs no checks.
    const choice = resolveSarifArtifact({ flag: sarifLocation, baselineFile, cwd: process.cwd(), env: process.env });
    if ("error" in choice) {
      io.stderr.write(`mcp-contract: ${choice.error}\n`);
      return 2;
    }
    artifact = choice.artifact;
    if (!artifact) io.stderr.write(`mcp-contract: ${NO_ARTIFACT_HINT}\n`);
  }
  const report = await runWithProgress(run, outputs.pretty, io, baselineFile);
  if (typeof report === "number") return report;
  if (!outputs.pretty) {
    // No pretty reporter: still one line of verdict on the terminal, kept off a stdout that carries a report.
    const reportOnStdout = outputs.machine.some(({ to }) => to === "stdout");
    (reportOnStdout ? io.stderr : io.stdout).write(`${summaryLine(report)}\n`);
  }
  for (const { reporter, to } of outputs.machine) {
    const text = RENDER[reporter](report, artifact);
    if (to === "stdout") {
      io.stdout.write(text);
      continue;
    }
    if (!(await writeOut(to, text, io))) return 2;
  }
  return exitCodeOf(report);
}

/** 0 pass, 1 a check failed (or a baseline entry is stale), 3 could not run. */
export function exitCodeOf(report: Report): number {
  return report.outcome === "pass" ? 0 : report.outcome === "could-not-run" ? 3 : 1;
}

/** Loads the baseline, runs with live pretty output, prints the summary; a number is an exit code. */
export async function runWithProgress(
  run: RunOptions,
  pretty: OutputPlan["pretty"],
  io: CommandIo,
  baselineFile?: string,
): Promise<Report | number> {
  let baseline: Baseline | undefined;
  if (baselineFile !== undefined) {
    const loaded = await loadBaseline(baselineFile, allChecks.map((check) => check.id));
    if ("error" in loaded) {
      io.stderr.write(`mcp-contract: ${loaded.error}\n`);
      return 2;
    }
    baseline = loaded;
  }
  const reporter = pretty ? new PrettyReporter(pretty === "stdout" ? io.stdout : io.stderr) : undefined;
  reporter?.start(run.sseUrl.href);
  let report: Report;
  try {
    report = await runChecks({
      ...run,
      ...(baseline && { baseline }),
      onTarget: reporter?.onTarget,
      onCheckStart: reporter?.onCheckStart,
      onCheckEnd: reporter?.onCheckEnd,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mcp-contract: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  reporter?.finish(report);
  return report;
}

/** Writes a file (parents created); false, with the reason on stderr, when it cannot. */
export async function writeOut(to: string, text: string, io: CommandIo): Promise<boolean> {
  try {
    await mkdir(dirname(to), { recursive: true });
    await writeFile(to, text);
    return true;
  } catch (error) {
    io.stderr.write(`mcp-contract: could not write ${to}: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}
