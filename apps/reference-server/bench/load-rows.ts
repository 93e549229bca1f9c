/**
 * The load rows both bench tables print for one concurrency: req/s, latency and the server's CPU
 * per request, each contender's figure the median over rounds and each ratio the median of
 * per-round ratios (paired-rounds.ts), with the 0.9× verdict on it.
 */
import type { LoadResult } from "./closed-loop.js";
import { median, pairedRatio, ratioCell } from "./paired-rounds.js";

/** One load window: its closed-loop result and the server's CPU per request during it. */
export type Window = LoadResult & { readonly cpuUsPerRequest: number };

/** Each contender's windows at one concurrency, one per round. */
export interface ContendersAt {
  readonly ours: readonly Window[];
  readonly sdk: readonly Window[];
  readonly bare: readonly Window[];
}

export const verdict = (ok: boolean): string => (ok ? "met" : "**missed**");

/**
 * The ≤ 40 KiB verdict of a memory row. RSS that fell while the sessions opened is noise (the heap
 * shrank more than the sessions took, as with a few dozen sessions), not a small figure: no verdict.
 */
export const memoryVerdict = (kibPerSession: number): string =>
  kibPerSession <= 0 ? "no verdict (RSS fell while the sessions opened: measure more of them)" : `≤ 40 KiB ${verdict(kibPerSession <= 40)}`;

/** The three rows for `count` concurrent `unit`s ("session", "client"). */
export function loadRows(count: number, unit: string, { ours, sdk, bare }: ContendersAt): string[] {
  const of = (windows: readonly Window[], pick: (w: Window) => number): number[] => windows.map(pick);
  const rate = (w: Window): number => w.requestsPerSecond;
  const cpu = (w: Window): number => w.cpuUsPerRequest;
  const ms = (windows: readonly Window[]): string =>
    `${median(of(windows, (w) => w.p50Ms)).toFixed(2)} / ${median(of(windows, (w) => w.p99Ms)).toFixed(2)}`;
  const rateRatio = pairedRatio(of(ours, rate), of(bare, rate));
  // Inverted so it reads like req/s: bare's CPU per request over ours is the req/s ratio the two
  // would show with the server, not the load generator, saturating (process-cpu.ts).
  const cpuRatio = pairedRatio(of(bare, cpu), of(ours, cpu));
  return [
    `| req/s, ${count} ${unit}${count > 1 ? "s" : ""} | ${median(of(ours, rate)).toFixed(0)} | ${median(of(sdk, rate)).toFixed(0)} | ${median(of(bare, rate)).toFixed(0)} | ${ratioCell(of(ours, rate), of(bare, rate))} | ${ratioCell(of(sdk, rate), of(bare, rate))} | ≥ 0.9× ${verdict(rateRatio >= 0.9)} |`,
    `| p50 / p99 ms, ${count} | ${ms(ours)} | ${ms(sdk)} | ${ms(bare)} | | | |`,
    `| server CPU µs per request, ${count} | ${median(of(ours, cpu)).toFixed(1)} | ${median(of(sdk, cpu)).toFixed(1)} | ${median(of(bare, cpu)).toFixed(1)} | ${ratioCell(of(bare, cpu), of(ours, cpu))} | ${ratioCell(of(bare, cpu), of(sdk, cpu))} | ≥ 0.9× ${verdict(cpuRatio >= 0.9)} |`,
  ];
}
