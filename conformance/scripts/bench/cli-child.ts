/**
 * The built CLI as a user runs it (`node dist/cli.js …`), one bounded child process at a time:
 * its wall time (Node start-up included), exit code, the JSON report it wrote, and its own peak
 * resident set. The peak comes from the child itself: the preload the hostile-stream tests use
 * writes `process.resourceUsage().maxRSS` on exit; a child killed at its bound has its VmHWM read
 * from /proc just before the kill. Only loopback URLs are accepted.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Report } from "../../src/report/model.js";
import { runBounded } from "../run-bounded.js";

export const BUILT_CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const REPORT_MAX_RSS = fileURLToPath(new URL("../../test/fixtures/report-max-rss.mjs", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  /** Wall time from spawn to exit. */
  readonly ms: number;
  /** Peak resident set of the CLI process, in MiB; undefined when it could not be read. */
  readonly peakRssMib: number | undefined;
  /** Killed at its bound (boundMs) rather than ended by itself. */
  readonly killed: boolean;
  readonly boundMs: number;
  readonly report: Report | undefined;
  readonly stderr: string;
}

let runs = 0;

/** `node dist/cli.js check <url> <flags> --reporter json --output <dir>/…`; the report is read back. */
export async function runCheck(dir: string, url: string, flags: readonly string[], boundMs: number): Promise<CliRun> {
  const { hostname } = new URL(url);
  if (hostname !== "127.0.0.1" && hostname !== "[::1]") throw new Error(`bench: ${url} is not loopback; the bench only sends traffic to 127.0.0.1 or ::1`);
  const output = join(dir, `run-${++runs}.json`);
  const run = await runCli(dir, ["check", url, ...flags, "--reporter", "json", "--output", output], boundMs);
  const report = readJson(output);
  return { ...run, report };
}

/** `node dist/cli.js --version`: Node's start-up and the CLI's module graph, no check. */
export async function runStartup(dir: string): Promise<CliRun> {
  return { ...(await runCli(dir, ["--version"], 10_000)), report: undefined };
}

async function runCli(dir: string, args: readonly string[], boundMs: number): Promise<Omit<CliRun, "report">> {
  const rssFile = join(dir, `run-${++runs}.rss`);
  let hwmKib: number | undefined;
  // A user's NODE_OPTIONS would change what is measured; the CLI runs as plain node.
  const { NODE_OPTIONS: _, ...env } = process.env;
  const started = performance.now();
  const result = await runBounded(process.execPath, ["--import", REPORT_MAX_RSS, BUILT_CLI, ...args], {
    env: { ...env, MCP_CONTRACT_MAX_RSS_FILE: rssFile },
    timeoutMs: boundMs,
    onBound: (pid) => (hwmKib = vmHwmKib(pid)),
  });
  const ms = performance.now() - started;
  const reportedKib = Number(readText(rssFile) ?? Number.NaN);
  const kib = Number.isFinite(reportedKib) ? reportedKib : hwmKib;
  return { code: result.code, ms, peakRssMib: kib === undefined ? undefined : kib / 1024, killed: result.timedOut, boundMs, stderr: result.stderr.slice(-2000) };
}

/** The peak resident set Linux keeps for a live process, in KiB. */
function vmHwmKib(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readText(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) : undefined;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function readJson(file: string): Report | undefined {
  const text = readText(file);
  try {
    return text === undefined ? undefined : (JSON.parse(text) as Report);
  } catch {
    return undefined;
  }
}

/**
 * How a check run ended and what it said, for a row's detail column: the exit, the counts and the
 * first failure (or the first message matching `prefer`, such as where a flood was met).
 */
export function describeRun(run: CliRun, prefer?: RegExp): string {
  if (run.killed) return `killed at the bench's bound (${run.boundMs} ms)`;
  const report = run.report;
  if (!report) return `exit ${run.code}, no report: ${run.stderr.trim().slice(-200)}`;
  if (report.couldNotRun) return `exit ${run.code} after ${report.durationMs} ms of run: could not run (${report.couldNotRun.cause})`;
  const { passed, failed, warnings } = report.summary;
  const messages = report.results.filter((result) => result.status === "failed").map((result) => result.message);
  const said = (prefer && messages.find((message) => prefer.test(message))) ?? messages[0] ?? "";
  return `exit ${run.code} after ${report.durationMs} ms of run (${passed} passed, ${failed} failed, ${warnings} warnings): ${said}`;
}
