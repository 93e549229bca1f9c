/**
 * The JSON reporter: the report object as is, described by `report.schema.json` (schemaVersion
 * REPORT_SCHEMA_VERSION, 2). Adding an optional field is compatible; renaming or removing one, or
 * changing a meaning (a new value in a closed set such as `status`), bumps schemaVersion.
 */
import type { Report } from "./model.js";

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
