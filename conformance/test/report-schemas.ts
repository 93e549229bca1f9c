/**
 * Validators for the machine reports' contracts: report.schema.json (JSON Schema 2020-12) and the
 * official SARIF 2.1.0 schema that @microsoft/jest-sarif ships (draft-04, so Ajv draft-04).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

const reportAjv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(reportAjv);
const reportSchema = reportAjv.compile(JSON.parse(readFileSync(new URL("../report.schema.json", import.meta.url), "utf8")) as object);

const sarifPath = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
// unicodeRegExp: false because one pattern in the official schema is not a valid Unicode-mode RegExp.
const sarifAjv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(sarifAjv);
const sarifSchema = sarifAjv.compile(JSON.parse(readFileSync(sarifPath, "utf8")) as object);

/** The schema errors of a JSON report (empty when valid). */
export function reportSchemaErrors(value: unknown): unknown[] {
  return reportSchema(value) ? [] : [...(reportSchema.errors ?? [{ message: "invalid" }])];
}

/** The schema errors of a SARIF log (empty when valid). */
export function sarifSchemaErrors(value: unknown): unknown[] {
  return sarifSchema(value) ? [] : [...(sarifSchema.errors ?? [{ message: "invalid" }])];
}
