/**
 * The whole suite per era against a local reference server (`createApp` on 127.0.0.1:0, in this
 * process, one per `--eras` setting the cases need), timed as a user runs it: the built CLI as a fresh child process, Node start-up
 * included, with the CLI's default bounds; the target is the issue's 2 s per era. Same-run
 * baselines: the CLI's start-up alone (`--version`), and the HTTP+SSE suite against the
 * defect-free fixture (a minimal node:http server that passes every check, so its time is mostly
 * the runner's own cost). Each CLI run is paired with an in-process run of the same suite after a
 * warm-up (the runner's steady cost, no start-up), and the rounds alternate between the targets so
 * machine load hits all alike. A run that fails or warns is not comparable and stops the bench.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createApp, type App } from "@mcp-contract/reference-server";
import type { Report } from "../../src/report/model.js";
import { runChecks } from "../../src/runner.js";
import type { TargetChoice } from "../../src/target/resolve-target.js";
import { startFixture } from "../../test/fixtures/fixture-server.js";
import { runCheck, runStartup, type CliRun } from "./cli-child.js";
import { ERA_CASES, type EraCase, type EraId } from "./era-cases.js";
import { median } from "@mcp-contract/test-helpers";
import type { Row } from "./table.js";

/** The issue's target for the whole suite against a local server, per era. */
export const SUITE_TARGET_MS = 2_000;
/** The CLI's default per-wait bound, given to the in-process runs too. */
const TIMEOUT_MS = 5_000;
/** A passing local run takes about a second; this bound only catches a hang. */
const CLI_BOUND_MS = 60_000;

export interface EraMeasure {
  readonly cliMs: number[];
  readonly inProcessMs: number[];
  readonly rssMib: number[];
  readonly checkMs: Map<string, number[]>;
  last?: Report;
}

export interface SuiteResult {
  readonly rows: Row[];
  readonly eras: ReadonlyMap<EraId, EraMeasure>;
  /** One line per era: the slowest checks in-process (where a run's time goes). */
  readonly slowest: string[];
}

interface Target {
  readonly label: string;
  readonly url: string;
  readonly flags: readonly string[];
  readonly choice: TargetChoice;
  readonly measure: EraMeasure;
}

const emptyMeasure = (): EraMeasure => ({ cliMs: [], inProcessMs: [], rssMib: [], checkMs: new Map() });

export async function measureSuites(dir: string, runs: number): Promise<SuiteResult> {
  const apps = new Map<EraCase["serverEras"], App>();
  await using fixture = await startFixture({ dialect: "spice" });
  try {
    const eras = new Map<EraId, EraMeasure>();
    const targets: Target[] = [];
    for (const entry of ERA_CASES) {
      const app = apps.get(entry.serverEras) ?? (await startReference(entry.serverEras));
      apps.set(entry.serverEras, app);
      const measure = emptyMeasure();
      eras.set(entry.id, measure);
      targets.push({ label: entry.label, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${entry.path}`, flags: entry.flags, choice: entry.choice, measure });
    }
    const minimal: Target = { label: "minimal HTTP+SSE server (fixture)", url: fixture.sseUrl, flags: [], choice: { transport: "auto", era: "auto" }, measure: emptyMeasure() };
    const all = [...targets, minimal];
    const startup: number[] = [];

    for (const target of all) await runInProcess(target, false);
    await runStartup(dir);
    for (let round = 0; round < runs; round += 1) {
      for (const target of all) {
        await runInProcess(target, true);
        await runCliOnce(dir, target);
      }
      startup.push((await runStartup(dir)).ms);
    }

    const startupBaseline = { label: "CLI start-up alone, `--version`", value: median(startup) };
    const rows: Row[] = all.map((target) => ({
      label: target.label,
      value: median(target.measure.cliMs),
      unit: "ms",
      target: SUITE_TARGET_MS,
      baseline: startupBaseline,
      detail: detail(target.measure),
    }));
    const sse = eras.get("http+sse");
    const ratio = sse && median(sse.cliMs) !== undefined && median(minimal.measure.cliMs) ? (median(sse.cliMs) ?? 0) / (median(minimal.measure.cliMs) ?? 1) : undefined;
    if (ratio !== undefined) rows[0] = { ...rows[0]!, detail: `${rows[0]!.detail}; ÷ minimal server ${ratio.toFixed(2)}×` };
    const slowest = targets.map((target) => {
      const top = [...target.measure.checkMs].map(([id, times]) => [id, median(times) ?? 0] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
      return `${target.label}: ${top.map(([id, ms]) => `${id} ${Math.round(ms)} ms`).join(", ")}`;
    });
    return { rows, eras, slowest };
  } finally {
    for (const app of apps.values()) await app.close();
  }
}

async function startReference(eras: EraCase["serverEras"]): Promise<App> {
  const app = createApp({ config: { host: "127.0.0.1", port: 0, eras }, log: () => undefined });
  app.server.listen(0, "127.0.0.1");
  await once(app.server, "listening");
  return app;
}

async function runInProcess(target: Target, record: boolean): Promise<void> {
  const started = performance.now();
  const report = await runChecks({ sseUrl: new URL(target.url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: TIMEOUT_MS, choice: target.choice });
  const elapsed = performance.now() - started;
  assertComparable(target.label, "in-process", report);
  if (!record) return;
  target.measure.inProcessMs.push(elapsed);
  for (const result of report.results) target.measure.checkMs.set(result.id, [...(target.measure.checkMs.get(result.id) ?? []), result.durationMs]);
}

async function runCliOnce(dir: string, target: Target): Promise<void> {
  const run: CliRun = await runCheck(dir, target.url, target.flags, CLI_BOUND_MS);
  if (run.code !== 0 || !run.report) throw new Error(`${target.label}: node dist/cli.js check exited ${run.killed ? `killed after ${CLI_BOUND_MS} ms` : run.code}: ${run.stderr.trim().slice(-400)}`);
  assertComparable(target.label, "CLI", run.report);
  target.measure.cliMs.push(run.ms);
  if (run.peakRssMib !== undefined) target.measure.rssMib.push(run.peakRssMib);
  target.measure.last = run.report;
}

/** A run that failed or warned waited on something, so its time says nothing about the runner. */
function assertComparable(label: string, how: string, report: Report): void {
  if (report.outcome === "pass" && report.summary.warnings === 0) return;
  const problems = report.results.filter((r) => r.status === "failed" || r.status === "warning").map((r) => `${r.id}: ${r.message}`);
  throw new Error(`${label} (${how}) did not pass the suite, so its time is not comparable: ${report.couldNotRun?.message ?? ""}\n  ${problems.join("\n  ")}`);
}

function detail(measure: EraMeasure): string {
  const cli = measure.cliMs;
  const summary = measure.last?.summary;
  const counts = summary
    ? [
        `${summary.passed} passed`,
        summary.deviations ? `${summary.deviations} deviations` : "",
        summary.observations ? `${summary.observations} observations` : "",
        summary.notVerified ? `${summary.notVerified} not verified` : "",
        `${summary.skipped} skipped`,
      ]
        .filter(Boolean)
        .join(", ")
    : "";
  return [
    `CLI ${Math.round(Math.min(...cli))}–${Math.round(Math.max(...cli))} ms`,
    `in-process warm ${Math.round(median(measure.inProcessMs) ?? 0)} ms`,
    `peak RSS ${Math.round(median(measure.rssMib) ?? 0)} MiB`,
    counts,
  ].join("; ");
}
