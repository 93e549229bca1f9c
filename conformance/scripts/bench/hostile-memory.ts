/**
 * The CLI's own peak resident set against hostile streams (the servers of hostile-streams.test.ts:
 * no line ends, endless `data:` lines, 1 GiB served slowly, random bytes), measured from the child
 * (see cli-child.ts), against the tests' cap, with the same CLI's peak against the reference
 * server on the same path and flags (the era rows) as baseline. HTTP+SSE runs with the default
 * bounds; `/mcp --era modern` with --deadline 10000, because each of its checks would otherwise
 * wait out the default 5 s (about 80 s a run) while the memory it holds stays the same.
 */
import { HOSTILE_MAX_RSS_MIB, startHostileServer, type HostileMode } from "../../test/fixtures/hostile-server.js";
import { describeRun, runCheck } from "./cli-child.js";
import { eraCase, invocation, type EraId } from "./era-cases.js";
import type { EraMeasure } from "./era-suite.js";
import { median } from "@mcp-contract/test-helpers";
import type { Row } from "./table.js";

const MODES: readonly HostileMode[] = ["no-line-ends", "endless-data", "slow-gigabyte", "garbage"];
const PATHS: readonly { readonly id: EraId; readonly extra: readonly string[]; readonly boundMs: number }[] = [
  { id: "http+sse", extra: [], boundMs: 120_000 + 15_000 },
  { id: "modern", extra: ["--deadline", "10000"], boundMs: 10_000 + 15_000 },
];

/** Where a flood was met, when the runner says so. */
const CLOSED_BY_RUNNER = /closed by the runner/;

export async function measureHostileMemory(dir: string, eras: ReadonlyMap<EraId, EraMeasure>, onRow: (row: Row) => void): Promise<void> {
  for (const path of PATHS) {
    const entry = eraCase(path.id);
    for (const mode of MODES) {
      await using server = await startHostileServer(mode);
      const run = await runCheck(dir, server.url + entry.path, [...entry.flags, ...path.extra], path.boundMs);
      onRow({
        label: `${mode}, ${invocation(entry, path.extra)}`,
        value: run.peakRssMib,
        unit: "MiB",
        target: HOSTILE_MAX_RSS_MIB,
        baseline: { label: "the reference server", value: median(eras.get(path.id)?.rssMib ?? []) },
        detail: `${Math.round(run.ms)} ms; ${describeRun(run, CLOSED_BY_RUNNER)}`,
      });
    }
  }
}
