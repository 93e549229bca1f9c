/**
 * The median of a set of measurements (the mean of the two middle ones for an even count), for the
 * benches of every workspace; undefined when there is nothing to take it of, so a caller says
 * "not measured" instead of printing a number.
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
