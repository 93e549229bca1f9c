/**
 * The bench's output: one Markdown table per section (pasteable into a README), each row a
 * measured value against its target (a ceiling), the ratio and the verdict, and the same-run
 * baseline it is best read against.
 */
export interface Row {
  readonly label: string;
  /** Undefined when the value could not be measured (the detail says why). */
  readonly value: number | undefined;
  readonly unit: "ms" | "MiB";
  /** The ceiling: met when value ≤ target. */
  readonly target: number;
  readonly baseline?: { readonly label: string; readonly value: number | undefined };
  readonly detail: string;
}

export const format = (value: number | undefined, unit: Row["unit"]): string => (value === undefined ? "–" : `${Math.round(value)} ${unit}`);

export function verdict(row: Row): "met" | "missed" | "not measured" {
  if (row.value === undefined) return "not measured";
  return row.value <= row.target ? "met" : "missed";
}

export function renderTable(title: string, valueHeading: string, rows: readonly Row[]): string {
  return tableHead(title, valueHeading) + rows.map(tableRow).join("");
}

/** A table's title and heading, printed before its rows when they come one at a time. */
export function tableHead(title: string, valueHeading: string): string {
  return `#### ${title}\n\n| row | ${valueHeading} | target | ratio | verdict | same-run baseline | ÷ baseline | detail |\n|---|---|---|---|---|---|---|---|\n`;
}

export function tableRow(row: Row): string {
  const ratio = row.value === undefined ? "–" : `${(row.value / row.target).toFixed(2)}×`;
  const outcome = verdict(row);
  const baseline = row.baseline ? `${format(row.baseline.value, row.unit)} (${row.baseline.label})` : "–";
  const byBaseline = row.value !== undefined && row.baseline?.value ? `${(row.value / row.baseline.value).toFixed(2)}×` : "–";
  const cells = [row.label, format(row.value, row.unit), `≤ ${format(row.target, row.unit)}`, ratio, outcome === "met" ? "met" : `**${outcome}**`, baseline, byBaseline, row.detail];
  return `| ${cells.map(cell).join(" | ")} |\n`;
}

/** One table cell: no line breaks, pipes escaped, server text cut short. */
function cell(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return (flat.length > 200 ? `${flat.slice(0, 199)}…` : flat).replaceAll("|", "\\|");
}
