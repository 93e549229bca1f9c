/**
 * The runner never falls over: against a server that floods it (no line ends, an endless event,
 * endless events, 1 GiB served slowly, random bytes, not even HTTP) or answers headers and then
 * stalls, the CLI, run as a child process, ends within its bound, exits 1 or 3 (never a crash),
 * writes its JSON report with the reason where the flood was met, and its own peak memory
 * (reported by the child on exit) stays under a fixed bound whatever the server sends. The bound
 * is timed from the run's own start (the report's startedAt) to the child's exit: Node and tsx
 * loading the CLI is no part of it, and on a busy machine it alone took 12-15 s.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/report/model.js";
import { HOSTILE_MAX_RSS_MIB, startHostileServer, type HostileMode } from "./fixtures/hostile-server.js";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const REPORT_MAX_RSS = new URL("./fixtures/report-max-rss.mjs", import.meta.url).pathname;
const DEADLINE_MS = 6000;
/** The deadline of a case whose witness is the suite's last check (endless-events). */
const ROOMY_DEADLINE_MS = 20_000;
/** After the deadline: the check then running ends at its abort, the report is written, the process exits. */
const END_MARGIN_MS = 6000;
/** Only a safety net, so a hung child cannot hang the test; the real bound is asserted on the run itself. */
const CHILD_KILL_MS = 60_000;

interface ChildRun {
  readonly code: number | null;
  readonly stderr: string;
  readonly maxRssMib: number;
  /** When the child exited (epoch ms), to time the run from its report's startedAt. */
  readonly exitedAt: number;
  readonly report: Report | undefined;
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mcp-contract-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runCli(name: string, url: string, deadlineMs: number, args: readonly string[]): Promise<ChildRun> {
  const output = join(dir, `${name}.json`);
  const rssFile = join(dir, `${name}.rss`);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", REPORT_MAX_RSS, CLI, "check", url, "--deadline", String(deadlineMs), "--reporter", "json", "--output", output, ...args],
    { env: { ...process.env, MCP_CONTRACT_MAX_RSS_FILE: rssFile }, stdio: ["ignore", "ignore", "pipe"], timeout: deadlineMs + CHILD_KILL_MS },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", (exitCode) => resolve(exitCode)));
  const exitedAt = Date.now();
  const maxRssMib = Number(await readFile(rssFile, "utf8").catch(() => "NaN")) / 1024;
  const report = await readFile(output, "utf8").then((text) => JSON.parse(text) as Report, () => undefined);
  return { code, stderr, maxRssMib, exitedAt, report };
}

/** mode, path, options, the exit code, a message some result (or the could-not-run reason) must carry, the run's deadline. */
const CASES: [HostileMode, string, string[], number, RegExp, number?][] = [
  // The default wait: before the bounds, 5 s of these floods took the runner to 976 MiB, or crashed it with a RangeError and no report.
  ["no-line-ends", "/v1/mcp/sse", ["--timeout", "5000"], 1, /closed by the runner: the server sent a line longer than 4194304 bytes/],
  ["endless-data", "/v1/mcp/sse", ["--timeout", "5000"], 1, /closed by the runner: the server sent an event larger than 4194304 bytes/],
  // The stream is closed at 5000 events and comments, plus the rest of the HTTP chunk that passed
  // it (the server writes 64 events a chunk). The witness, sse-message-data-json, runs last by
  // design, and the suite takes about 5.5 s at --timeout 500 on an idle machine: the deadline
  // leaves it room (the other cases prove the deadline ends a run); a 6 s one cut it off under load.
  ["endless-events", "/v1/mcp/sse", ["--timeout", "500"], 1, /^50[0-6]\d message events here/, ROOMY_DEADLINE_MS],
  ["slow-gigabyte", "/v1/mcp/sse", ["--timeout", "500"], 1, /no event arrived: no answer in 500 ms/],
  ["garbage", "/v1/mcp/sse", ["--timeout", "500"], 1, /no event arrived/],
  // Headers, then silence: only the runner's own wait ends the read.
  ["stalls-after-headers", "/v1/mcp/sse", ["--timeout", "500"], 1, /no event arrived: no answer in 500 ms/],
  ["endless-data", "/mcp", ["--timeout", "500", "--era", "modern"], 1, /server\/discover got 200 text\/event-stream with no result/],
  ["garbage", "/mcp", ["--timeout", "500", "--transport", "streamable-http", "--era", "legacy"], 1, /initialize was not answered with an InitializeResult/],
  ["garbage-tcp", "/mcp", ["--timeout", "500"], 3, /No MCP server recognised/],
];

// One at a time: each case is a Node child reading a flood, and two cores are shared.
describe("the CLI against a hostile server", () => {
  it.each(CASES)(
    "%s on %s %j: ends in bound, exits %i, writes the report, memory bounded",
    async (mode, path, args, exitCode, reason, deadlineMs = DEADLINE_MS) => {
      await using server = await startHostileServer(mode);
      const run = await runCli(`${mode}${path.replaceAll("/", "-")}`, server.url + path, deadlineMs, args);
      expect(run.stderr).not.toMatch(/RangeError|Uncaught|FATAL|heap out of memory/);
      expect(run.code).toBe(exitCode);
      expect(run.report, "the JSON report was written").toBeDefined();
      const messages = [run.report?.couldNotRun?.message ?? "", ...(run.report?.results.map((result) => result.message) ?? [])];
      expect(messages.some((message) => reason.test(message)), messages.slice(0, 5).join("\n")).toBe(true);
      expect(run.maxRssMib).toBeLessThan(HOSTILE_MAX_RSS_MIB);
      expect(run.exitedAt - Date.parse(run.report?.startedAt ?? "")).toBeLessThan(deadlineMs + END_MARGIN_MS);
    },
    // Past the child's kill bound, so the test never hangs: the assertions above are the real bounds.
    ROOMY_DEADLINE_MS + CHILD_KILL_MS + 10_000,
  );
});
