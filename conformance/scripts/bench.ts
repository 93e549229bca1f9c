/**
 * `npm run bench`: how long the whole suite takes against a local reference server, against the
 * 1.5 s target, with a baseline measured in the same run: the same suite against the test
 * fixture server without a defect, a minimal node:http server that passes every check. The
 * difference is what the reference server costs; the baseline itself is mostly what the runner
 * costs. Runs alternate between the two servers so machine load hits both alike.
 *
 * In-process runs after a warm-up show the runner's steady cost; the warm-up itself (cold JIT,
 * validators compiling) and, when conformance is built, the whole CLI as a fresh process
 * (`node dist/cli.js check …`, Node start-up included) show what a user's single run costs.
 *
 * Not a test: timings depend on the machine. `--runs <n>` (1 to 20, default 5) after one warm-up
 * run each; the script ends within BENCH_LIMIT_MS whatever happens.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createApp, SPICE_PATH } from "@mcp-contract/reference-server";
import type { Report } from "../src/report/model.js";
import { runChecks } from "../src/runner.js";
import { startFixture } from "../test/fixtures/fixture-server.js";

/** The issue's target for the whole suite against a local reference server. */
const TARGET_MS = 1_500;
/** The CLI's default per-wait bound: what a user's run uses. */
const TIMEOUT_MS = 5_000;
const BENCH_LIMIT_MS = 3 * 60_000;
const BUILT_CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

interface Target {
  readonly label: string;
  readonly sseUrl: URL;
  readonly times: number[];
  readonly checkTimes: Map<string, number[]>;
  cold?: number;
}

async function runOnce(target: Target, record: boolean): Promise<void> {
  const started = performance.now();
  const report: Report = await runChecks({ sseUrl: target.sseUrl, profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: TIMEOUT_MS, deadlineMs: 60_000 });
  const elapsed = performance.now() - started;
  if (report.summary.failed > 0 || report.summary.warnings > 0) {
    const problems = report.results.filter((r) => r.status === "failed" || r.status === "warning").map((r) => `${r.id}: ${r.message}`);
    throw new Error(`${target.label} did not pass the suite, so its time is not comparable:\n  ${problems.join("\n  ")}`);
  }
  if (!record) {
    target.cold = elapsed;
    return;
  }
  target.times.push(elapsed);
  for (const result of report.results) target.checkTimes.set(result.id, [...(target.checkTimes.get(result.id) ?? []), result.durationMs]);
}

/** The built CLI as a fresh process, start-up included; its wall time in ms. */
async function runCli(sseUrl: URL): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BUILT_CLI, "check", sseUrl.href, "--reporter", "json", "--timeout", String(TIMEOUT_MS)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`node dist/cli.js check exited ${code}: ${stderr}`);
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const ms = (value: number): string => `${Math.round(value)} ms`.padStart(8);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs ${values.runs}: give a whole number from 1 to 20`);

  const app = createApp({ config: { host: "127.0.0.1", port: 0 }, log: () => undefined });
  app.server.listen(0, "127.0.0.1");
  await once(app.server, "listening");
  await using fixture = await startFixture({ dialect: "spice" });
  try {
    const reference: Target = { label: "reference server", sseUrl: new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}${SPICE_PATH}`), times: [], checkTimes: new Map() };
    const minimal: Target = { label: "minimal server (fixture)", sseUrl: new URL(fixture.sseUrl), times: [], checkTimes: new Map() };
    const targets = [reference, minimal];
    for (const target of targets) await runOnce(target, false);
    const cli: number[] = [];
    const withCli = existsSync(BUILT_CLI);
    for (let run = 0; run < runs; run += 1) {
      for (const target of targets) await runOnce(target, true);
      if (withCli) cli.push(await runCli(reference.sseUrl));
    }

    const out = process.stdout;
    out.write(`mcp-contract bench: the whole suite (Spice profile, --timeout ${TIMEOUT_MS}), ${runs} runs per server after one warm-up, in-process\n\n`);
    out.write(`${"server".padEnd(34)}${"median".padStart(8)}${"min".padStart(8)}${"max".padStart(8)}${"cold".padStart(8)}   vs ${TARGET_MS} ms target\n`);
    const row = (label: string, times: readonly number[], cold: number | undefined): string =>
      `${label.padEnd(34)}${ms(median(times))}${ms(Math.min(...times))}${ms(Math.max(...times))}${cold === undefined ? "       –" : ms(cold)}   ${(median(times) / TARGET_MS).toFixed(2)}×\n`;
    for (const target of targets) out.write(row(target.label, target.times, target.cold));
    if (withCli) out.write(row("reference server, CLI process", cli, undefined));
    else out.write("(the CLI-process row needs a build: npm run build -w @mcp-contract/conformance)\n");
    const ratio = median(reference.times) / median(minimal.times);
    out.write(`\nreference / minimal: ${ratio.toFixed(2)}× (the minimal server's time is mostly the runner's own cost)\n`);
    const slowest = [...reference.checkTimes].map(([id, times]) => [id, median(times)] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
    out.write(`slowest checks against the reference server (median): ${slowest.map(([id, time]) => `${id} ${Math.round(time)} ms`).join(", ")}\n`);
    const worst = Math.max(median(reference.times), reference.cold ?? 0, withCli ? median(cli) : 0);
    out.write(worst <= TARGET_MS ? `within the ${TARGET_MS} ms target, cold runs and CLI start-up included\n` : `OVER the ${TARGET_MS} ms target (worst: ${Math.round(worst)} ms)\n`);
  } finally {
    await app.close();
  }
}

const limit = setTimeout(() => {
  process.stderr.write(`bench: not done within ${BENCH_LIMIT_MS} ms; stopped\n`);
  process.exit(1);
}, BENCH_LIMIT_MS);
main().then(
  () => {
    clearTimeout(limit);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
