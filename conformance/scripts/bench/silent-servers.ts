/**
 * The whole run against a server that accepts connections and never answers, and one that
 * answers 200 text/event-stream headers and then stalls (the fixtures of never-answers.test.ts and
 * hostile-streams.test.ts): the built CLI with its default bounds (--timeout 5000, --deadline
 * 120000), once per path and flags, against the issue's 10 s target. Baseline: the same path and
 * flags against the reference server (the era rows' median), what the run costs when answered.
 */
import { startHostileServer } from "../../test/fixtures/hostile-server.js";
import { startNeverAnswers } from "../../test/fixtures/never-answers.js";
import { describeRun, runCheck } from "./cli-child.js";
import { eraCase, invocation, type EraId } from "./era-cases.js";
import type { EraMeasure } from "./era-suite.js";
import { median } from "@mcp-contract/test-helpers";
import type { Row } from "./table.js";

export const SILENT_TARGET_MS = 10_000;
/** The default deadline, the last check's own wait and start-up: past this, the run is killed. */
const CLI_BOUND_MS = 120_000 + 15_000;
const SILENT_ERAS: readonly EraId[] = ["http+sse", "dual-era", "modern", "legacy"];

export async function measureSilence(dir: string, eras: ReadonlyMap<EraId, EraMeasure>, onRow: (row: Row) => void): Promise<void> {
  const servers = [
    { label: "never answers", start: async () => startNeverAnswers() },
    { label: "headers, then stalls", start: async () => startHostileServer("stalls-after-headers") },
  ];
  for (const server of servers) {
    await using running = await server.start();
    const origin = new URL(running.url).origin;
    for (const id of SILENT_ERAS) {
      const entry = eraCase(id);
      const run = await runCheck(dir, origin + entry.path, entry.flags, CLI_BOUND_MS);
      onRow({
        label: `${server.label}, ${invocation(entry)}`,
        value: run.ms,
        unit: "ms",
        target: SILENT_TARGET_MS,
        baseline: { label: "the reference server", value: median(eras.get(id)?.cliMs ?? []) },
        detail: `peak RSS ${Math.round(run.peakRssMib ?? 0)} MiB; ${describeRun(run)}`,
      });
    }
  }
}
