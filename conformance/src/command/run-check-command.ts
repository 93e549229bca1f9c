/**
 * `mcp-contract check`: runs the checks with live pretty progress, writes each machine report
 * where the plan says, and returns the exit code (0 pass, 1 fail, 2 configuration error).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { runChecks, UsageError } from "../runner.js";
import { PrettyReporter } from "../report/pretty.js";
import { renderJson } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import { renderSarif } from "../report/sarif.js";
import type { Report } from "../report/model.js";
import type { MachineReporter, OutputPlan } from "./parse-options.js";
import type { RunOptions } from "../runner.js";

const RENDER: Record<MachineReporter, (report: Report) => string> = { json: renderJson, junit: renderJunit, sarif: renderSarif };

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export async function runCheckCommand(run: RunOptions, outputs: OutputPlan, io: CommandIo): Promise<number> {
  const pretty = outputs.pretty ? new PrettyReporter(outputs.pretty === "stdout" ? io.stdout : io.stderr) : undefined;
  pretty?.start(run.sseUrl.href);
  let report: Report;
  try {
    report = await runChecks({ ...run, onCheckStart: pretty?.onCheckStart, onCheckEnd: pretty?.onCheckEnd });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mcp-contract: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  pretty?.finish(report);
  for (const { reporter, to } of outputs.machine) {
    const text = RENDER[reporter](report);
    if (to === "stdout") {
      io.stdout.write(text);
      continue;
    }
    try {
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, text);
    } catch (error) {
      io.stderr.write(`mcp-contract: could not write ${to}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  return report.outcome === "pass" ? 0 : 1;
}
