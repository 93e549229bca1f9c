/**
 * The JSON reporter: the report object as is, described by `report.schema.json` (schemaVersion 1).
 * Adding a field is compatible; renaming or removing one bumps schemaVersion.
 */
import type { Report } from "./model.js";

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
