/**
 * `npm run bench -w @mcp-contract/conformance` (and the root `npm run bench`, after the reference
 * server's): the runner's own speed and memory, as the issue's proof asks, measured on the built
 * CLI as a child process, which is what a user runs. Three tables, each row against its target
 * with a same-run baseline:
 * - suite: the whole suite per era against a local reference server, ≤ 2 s each (bench/era-suite.ts);
 * - silent: the whole run against a server that never answers, or answers headers and stalls,
 *   with the CLI's default bounds, ≤ 10 s (bench/silent-servers.ts);
 * - memory: the CLI's peak resident set against hostile streams, under the tests' cap
 *   (bench/hostile-memory.ts).
 *
 * Not a test: timings depend on the machine. `--runs <n>` (1 to 20, default 5) rounds of the suite
 * rows; `--section suite,silent,memory` runs only some (silent and memory take their baselines
 * from suite, which runs whenever either is chosen). Every server listens on 127.0.0.1; every
 * child is bounded and killed if the script exits first; the script ends within BENCH_LIMIT_MS.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BUILT_CLI } from "./bench/cli-child.js";
import { measureSuites } from "./bench/era-suite.js";
import { measureHostileMemory } from "./bench/hostile-memory.js";
import { measureSilence } from "./bench/silent-servers.js";
import { renderTable, tableHead, tableRow, type Row } from "./bench/table.js";

/**
 * The whole script's bound. Every child has its own (at most the CLI's default deadline and a
 * margin), but all of them back to back could take longer; a run takes 6 to 9 minutes on two cores.
 */
const BENCH_LIMIT_MS = 15 * 60_000;
const SECTIONS = ["suite", "silent", "memory"] as const;
type Section = (typeof SECTIONS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, section: { type: "string", default: SECTIONS.join(",") } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs ${values.runs}: give a whole number from 1 to 20`);
  const sections = values.section.split(",").map((name) => name.trim());
  const unknown = sections.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0 || sections.length === 0) throw new Error(`--section ${values.section}: use one or more of ${SECTIONS.join(", ")}, comma-separated`);
  const chosen = new Set(sections as Section[]);
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build first (npm run build -w @mcp-contract/conformance), or run npm run bench, which builds`);

  const dir = mkdtempSync(join(tmpdir(), "mcp-contract-bench-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const out = process.stdout;
  // Other work on the machine slows every row alike; the load average says how much there was.
  out.write(`mcp-contract runner bench, ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${availableParallelism()} cores, load average ${load()}; the built CLI as a child process (node dist/cli.js check …)\n\n`);

  const suite = await measureSuites(dir, runs);
  if (chosen.has("suite")) {
    out.write(renderTable(`Whole suite per era, reference server (median of ${runs} CLI runs, default bounds)`, "CLI process", suite.rows));
    out.write(`\nSlowest checks, in-process median:\n${suite.slowest.map((line) => `- ${line}`).join("\n")}\n\n`);
  }
  // One run each, up to minutes apiece: each row is printed as it is measured.
  const printRow = (row: Row): void => void out.write(tableRow(row));
  if (chosen.has("silent")) {
    out.write(tableHead("Whole run against a silent server (one CLI run each, default bounds)", "CLI process"));
    await measureSilence(dir, suite.eras, printRow);
    out.write("\n");
  }
  if (chosen.has("memory")) {
    out.write(tableHead("Peak RSS of the CLI process against hostile streams (one run each)", "peak RSS"));
    await measureHostileMemory(dir, suite.eras, printRow);
  }
  out.write(`\nload average at the end: ${load()}\n`);
}

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(" / ");

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
