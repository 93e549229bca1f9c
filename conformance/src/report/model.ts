/**
 * The report every reporter reads: one result per check, with its evidence, and a summary. Its
 * JSON form is the machine contract of the CLI, described by `report.schema.json` (keep both in
 * step; a test validates every JSON report against the schema).
 */
import type { CouldNotRunCause, TargetKind, TargetSource } from "../target/target.js";

/**
 * How strongly the spec or seed states the requirement a check tests. `INFO`: no specification
 * states one (406 for a partial Accept, say); the check records what the server does.
 */
export type CheckLevel = "MUST" | "SHOULD" | "INFO";

/**
 * A MUST that fails is `failed`; a SHOULD that fails is `warning`; `skipped` always has a reason.
 * `observation`: what the server did where no specification says what it must do; never a pass
 * and never a failure. `deviation`: the server breaks the rule in a way its vendor profile names
 * (OpenSearch's JSON-RPC errors inside HTTP 200); shown with that name, neither passed nor failed.
 */
export type CheckStatus = "passed" | "failed" | "warning" | "skipped" | "not-verified" | "observation" | "deviation";

/** The dialect whose paths and answer style the run assumes. */
export type Profile = "generic" | "spice" | "opensearch" | "celonis";

/** What the runner found (or was told) is behind the URL, and the evidence. */
export interface TargetReport {
  /** The transport the checks spoke; absent when the run could not start. */
  readonly transport?: "http+sse" | "streamable-http";
  /** The kinds the applicable checks were chosen by (a dual-era server has two). */
  readonly kinds: readonly TargetKind[];
  /** Where that came from: the options, a known dialect's URL, or era detection. */
  readonly source: TargetSource;
  readonly summary: string;
  /** Each detection step, `request → answer (verdict)`. */
  readonly steps: readonly string[];
  readonly protocolVersions: readonly string[];
}

/** The request the runner sent, secrets redacted. */
export interface RequestEvidence {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyExcerpt?: string;
}

/** What came back: status line, headers, and an excerpt of the body or the raw stream bytes. */
export interface ResponseEvidence {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly bodyExcerpt?: string;
  /** Raw event-stream bytes, escaped (`\r`, `\n`, `\xNN`). */
  readonly streamExcerpt?: string;
  /** Why the response is missing or incomplete ("no answer in 5000 ms"). */
  readonly error?: string;
  readonly durationMs?: number;
}

/** What a check saw that made its verdict: the deciding exchange, and notes. */
export interface Evidence {
  readonly request?: RequestEvidence;
  readonly response?: ResponseEvidence;
  readonly notes?: readonly string[];
}

export interface CheckResult {
  readonly id: string;
  readonly group: string;
  readonly level: CheckLevel;
  readonly title: string;
  readonly status: CheckStatus;
  readonly durationMs: number;
  readonly message: string;
  /** The spec section URL or seed document the requirement comes from. */
  readonly reference: string;
  readonly evidence?: Evidence;
  /**
   * Set (with `--baseline`) on a failed or warning check the baseline lists: the check really
   * failed, and the run does not count it. `status` keeps saying what the check found.
   */
  readonly expectedFailure?: { readonly reason: string };
}

/** A baseline entry whose check now passes: the run fails until it is removed. */
export interface StaleEntry {
  readonly id: string;
  readonly reason: string;
}

/**
 * Counts by status. `failed` and `warnings` leave out the expected failures of a baseline, which
 * `expectedFailures` counts (present only with `--baseline`), so the five add up to `total`.
 */
export interface ReportSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly warnings: number;
  readonly skipped: number;
  /** Checks that could not be verified without the user's leave (a tool to call); never a pass. */
  readonly notVerified: number;
  /** Behaviour recorded where no specification states a rule; neither passed nor failed. */
  readonly observations: number;
  /** Checks that met a deviation the target's vendor profile names; neither passed nor failed. */
  readonly deviations: number;
  readonly expectedFailures?: number;
}

/**
 * The JSON report's version, `report.schema.json`'s `schemaVersion` (its description lists what
 * changed from 1). 2 because version 1's closed sets grew: statuses (not-verified, observation,
 * deviation), the INFO level and the could-not-run outcome, which a consumer of 1 would mis-read.
 */
export const REPORT_SCHEMA_VERSION = 2;

/** A whole run. `outcome` already accounts for `--strict`. */
export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: "mcp-contract"; readonly version: string };
  readonly target: {
    readonly url: string;
    /** The registry base URL the `registry` checks ran against (`--registry`). */
    readonly registryUrl?: string;
    readonly profile: Profile;
    /** Where the profile came from: the option, the URL path, the endpoint event, or neither. */
    readonly profileSource: "option" | "url" | "endpoint-event" | "default";
    /** What is behind the URL: transport, era(s), and how the runner learned it. */
    readonly detection: TargetReport;
  };
  readonly options: {
    readonly strict: boolean;
    readonly timeoutMs: number;
    readonly deadlineMs: number;
    readonly only: readonly string[];
    readonly skip: readonly string[];
    readonly transport: "auto" | "http+sse" | "streamable-http";
    readonly era: "auto" | "legacy" | "modern";
  };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: ReportSummary;
  /** `could-not-run`: one root cause (see `couldNotRun`) kept every check from running; no results. */
  readonly outcome: RunOutcome;
  /** Why nothing was checked, when `outcome` is `could-not-run`. */
  readonly couldNotRun?: { readonly cause: CouldNotRunCause; readonly message: string };
  readonly results: readonly CheckResult[];
  /** The `--baseline` file applied, and its entries whose checks now pass. */
  readonly baseline?: { readonly file: string; readonly entries: number; readonly stale: readonly StaleEntry[] };
}

export type RunOutcome = "pass" | "fail" | "could-not-run";

/** What a result counts as: its status, or `expected-failure` when the baseline expects it. */
export type ResultKind = CheckStatus | "expected-failure";

/**
 * The one classification the summary and every document reporter (Markdown, HTML) share: a failed
 * or warning check the baseline lists is an expected failure, counted and shown apart.
 */
export function kindOf(result: CheckResult): ResultKind {
  return result.expectedFailure ? "expected-failure" : result.status;
}

/** Counts results by status; with a baseline, expected failures are counted apart. */
export function summarize(results: readonly CheckResult[], withBaseline = false): ReportSummary {
  const count = (kind: ResultKind): number => results.filter((r) => kindOf(r) === kind).length;
  return {
    total: results.length,
    passed: count("passed"),
    failed: count("failed"),
    warnings: count("warning"),
    skipped: count("skipped"),
    notVerified: count("not-verified"),
    observations: count("observation"),
    deviations: count("deviation"),
    ...(withBaseline && { expectedFailures: count("expected-failure") }),
  };
}

/** `fail` when a check failed unexpectedly, (under --strict) warned unexpectedly, or a baseline entry is stale. */
export function outcomeOf(summary: ReportSummary, strict: boolean, staleEntries = 0): "pass" | "fail" {
  return summary.failed > 0 || (strict && summary.warnings > 0) || staleEntries > 0 ? "fail" : "pass";
}
