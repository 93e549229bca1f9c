/**
 * @mcp-contract/conformance as a library: run the checks programmatically and render reports.
 * The CLI (`mcp-contract`) is a thin layer over these.
 */
export { runChecks, UsageError, DEFAULT_DEADLINE_MS } from "./runner.js";
export type { RunOptions } from "./runner.js";
export { allChecks } from "./checks/registry.js";
export type { Check, CheckGroup, Verdict } from "./check.js";
export { pass, fail, warn, skip, CheckStop, transportsOf } from "./check.js";
export type { CheckContext, RunSettings } from "./run/check-context.js";
export type { CheckResult, CheckStatus, CheckLevel, Evidence, Profile, Report, ReportSummary, StaleEntry } from "./report/model.js";
export type { CompatMatrix, CompatPeer } from "./report/compat-matrix.js";
export { renderJson } from "./report/json.js";
export { REPORT_SCHEMA_VERSION } from "./report/model.js";
export { renderJunit } from "./report/junit.js";
export { renderSarif } from "./report/sarif.js";
export { loadBaseline, parseBaseline } from "./baseline/baseline-file.js";
export type { Baseline, BaselineEntry } from "./baseline/baseline-file.js";
export { baselineFromReport } from "./baseline/write-baseline.js";
export { lintSpecFiles, lintDocument } from "./lint-spec/lint-spec.js";
export type { LintProblem, LintResult, LintedOperation } from "./lint-spec/lint-spec.js";
export { PrettyReporter } from "./report/pretty.js";
export { checkEventStreamGrammar } from "./wire/sse-grammar.js";
export { USAGE } from "./command/usage.js";
