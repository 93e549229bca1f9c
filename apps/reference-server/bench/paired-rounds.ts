/**
 * How the benches turn rounds into figures. The servers take turns within a round, so the windows
 * of one round saw the same background load; a ratio is therefore taken round by round (ours
 * against the baseline's window next to it) and the median of those ratios is reported. On a
 * shared machine whose speed drifts by a third between rounds, that cancels the drift a ratio
 * of two independent medians would carry.
 */
import { median as sharedMedian } from "@mcp-contract/test-helpers";

/** The benches' one median (test-helpers), as NaN rather than undefined for no values: a ratio of it stays a number. */
export const median = (values: readonly number[]): number => sharedMedian(values) ?? NaN;

/** `ours[i] / baseline[i]` for each round; the two lists hold one value per round. */
export function perRoundRatios(ours: readonly number[], baseline: readonly number[]): number[] {
  if (ours.length !== baseline.length) throw new Error(`paired rounds differ in count: ${ours.length} and ${baseline.length}`);
  return ours.map((value, round) => value / baseline[round]!);
}

/** The median over rounds of `ours[i] / baseline[i]`. */
export function pairedRatio(ours: readonly number[], baseline: readonly number[]): number {
  return median(perRoundRatios(ours, baseline));
}

/** The value below which a fraction `q` of `values` lies (linear between neighbours). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

/**
 * A ratio cell: the median of the per-round ratios and, in brackets, the middle half of them (first
 * to third quartile), so a reader sees how far the machine let the rounds scatter.
 */
export function ratioCell(ours: readonly number[], baseline: readonly number[]): string {
  const ratios = perRoundRatios(ours, baseline);
  return `${median(ratios).toFixed(2)}× (${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`;
}

/**
 * The order the contenders run in, round `round`: forward, then backward, so none is always the
 * one that runs straight after the others (a warm cache, a just-finished GC elsewhere).
 */
export function turnOrder<T>(contenders: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...contenders] : [...contenders].reverse();
}
