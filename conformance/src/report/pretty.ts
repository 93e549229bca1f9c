/**
 * The human reporter: a line per check as it finishes (status symbol, id, level, duration,
 * message), evidence under failures and warnings, and a summary line. On a terminal it also shows
 * the check that is running.
 */
import type { Check } from "../check.js";
import type { CheckResult, Evidence, Report, TargetReport } from "./model.js";
import { describeKinds } from "../target/target.js";
import { staleMessage } from "../baseline/apply-baseline.js";

const SYMBOL = { passed: "✔", failed: "✘", warning: "▲", skipped: "○", "not-verified": "?", observation: "ℹ", deviation: "≠", expected: "⊘" } as const;
const COLOR = { passed: 32, failed: 31, warning: 33, skipped: 90, "not-verified": 35, observation: 34, deviation: 36, expected: 36 } as const;

/** Anything text can be written to: a stream, a TTY, a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

export interface PrettyOptions {
  /** ANSI colours and the live "running" line; default: when `out` is a TTY and NO_COLOR is unset. */
  readonly tty?: boolean;
}

/** Live progress hooks for the runner, and the closing summary. */
export class PrettyReporter {
  readonly #out: TextSink;
  readonly #tty: boolean;
  #group: string | undefined;
  #pending = false;

  constructor(out: TextSink, options: PrettyOptions = {}) {
    this.#out = out;
    this.#tty = options.tty ?? (Boolean((out as { isTTY?: boolean }).isTTY) && !process.env["NO_COLOR"]);
  }

  start(url: string): void {
    this.#out.write(`mcp-contract check ${url}\n`);
  }

  /** The target line first: what is at the URL, and the detection's steps as its evidence. */
  onTarget = (target: TargetReport, couldNotRun: Report["couldNotRun"]): void => {
    const what = couldNotRun ? this.#paint(31, "could not run") : describeKinds(target.kinds);
    this.#out.write(`target: ${what}: ${target.summary}\n`);
    for (const step of target.steps) this.#out.write(`  ${this.#paint(90, step)}\n`);
  };

  onCheckStart = (check: Check): void => {
    this.#groupHeader(check.group);
    if (!this.#tty) return;
    this.#out.write(`  ${this.#paint(90, "…")} ${check.id}`);
    this.#pending = true;
  };

  onCheckEnd = (result: CheckResult): void => {
    this.#groupHeader(result.group);
    if (this.#pending) this.#out.write("\r\x1b[2K");
    this.#pending = false;
    const kind = result.expectedFailure ? "expected" : result.status;
    const symbol = this.#paint(COLOR[kind], SYMBOL[kind]);
    const level = result.level === "MUST" ? "" : ` (${result.level})`;
    const time = result.status === "skipped" ? "" : ` ${result.durationMs} ms`;
    const unverified = result.status === "not-verified" ? `not verified: ${result.message}` : undefined;
    const message = result.expectedFailure
      ? `expected failure (${result.expectedFailure.reason}): ${result.message}`
      : unverified !== undefined
        ? unverified
        : result.status === "skipped"
        ? `skipped: ${result.message}`
        : result.status === "observation"
          ? `observed: ${result.message}`
          : result.status === "deviation"
            ? `known deviation: ${result.message}`
            : result.message;
    this.#out.write(`  ${symbol} ${result.id}${level}${this.#paint(90, time)}  ${message}\n`);
    // Expected failures stay one line: the baseline already says why.
    if (result.expectedFailure) return;
    if ((result.status === "failed" || result.status === "warning") && result.evidence) {
      this.#out.write(renderEvidence(result.evidence, "      "));
    }
    if (result.status === "failed" || result.status === "warning") this.#out.write(`      ${this.#paint(90, `see ${result.reference}`)}\n`);
  };

  finish(report: Report): void {
    const stale = report.couldNotRun ? [] : (report.baseline?.stale ?? []);
    if (stale.length > 0) this.#out.write(`\nbaseline ${report.baseline?.file}\n`);
    for (const entry of stale) this.#out.write(`  ${this.#paint(31, "✘")} ${staleMessage(entry, report.baseline?.file ?? "the baseline")}\n`);
    this.#out.write(`\n${summaryLine(report, (code, text) => this.#paint(code, text))}\n`);
  }

  #groupHeader(group: string): void {
    if (group === this.#group) return;
    this.#group = group;
    if (this.#pending) this.#out.write("\r\x1b[2K");
    this.#pending = false;
    this.#out.write(`${group}\n`);
  }

  #paint(code: number, text: string): string {
    return this.#tty ? `\x1b[${code}m${text}\x1b[0m` : text;
  }
}

/**
 * The one-line verdict every run prints, whatever reporters were chosen. A run that fails only
 * because baseline entries are stale says so, rather than "FAIL … 0 failed".
 */
export function summaryLine(report: Report, paint: (code: number, text: string) => string = (_, text) => text): string {
  const { summary } = report;
  if (report.couldNotRun) {
    const ran = report.results.length > 0 ? `${summary.skipped} skipped of ${summary.total} checks` : "no check ran";
    return `${paint(31, "COULD NOT RUN")} (${report.couldNotRun.cause}) ${report.couldNotRun.message}; ${ran}`;
  }
  const verdict = report.outcome === "pass" ? paint(32, "PASS") : paint(31, "FAIL");
  const strict = report.options.strict && summary.warnings > 0 ? " (--strict: warnings count)" : "";
  const staleCount = report.baseline?.stale.length ?? 0;
  const stale = staleCount > 0 ? `, ${staleCount} stale baseline ${staleCount === 1 ? "entry" : "entries"} (now passing: remove from ${report.baseline?.file})` : "";
  const expected =
    (summary.expectedFailures !== undefined ? `, ${summary.expectedFailures} expected failures` : "") +
    (summary.notVerified > 0 ? `, ${summary.notVerified} not verified` : "") +
    (summary.observations > 0 ? `, ${summary.observations} observations` : "") +
    (summary.deviations > 0 ? `, ${summary.deviations} known deviations` : "");
  return (
    `${verdict} ${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warnings${expected}, ${summary.skipped} skipped` +
    ` of ${summary.total} checks in ${report.durationMs} ms; profile ${report.target.profile} (${report.target.profileSource})${strict}${stale}`
  );
}

/** Evidence as indented lines: request, response, stream bytes, notes. */
export function renderEvidence(evidence: Evidence, indent: string): string {
  const lines: string[] = [];
  const { request, response } = evidence;
  if (request) {
    lines.push(`request:  ${request.method} ${request.url}`);
    const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`).join("; ");
    if (headers) lines.push(`          ${headers}`);
    if (request.bodyExcerpt) lines.push(`          body ${clip(request.bodyExcerpt)}`);
  }
  if (response) {
    const head = response.status !== undefined ? `${response.status}` : "(no response)";
    lines.push(`response: ${head}${response.durationMs !== undefined ? ` after ${response.durationMs} ms` : ""}${response.error ? `: ${response.error}` : ""}`);
    const headers = Object.entries(response.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join("; ");
    if (headers) lines.push(`          ${clip(headers)}`);
    if (response.bodyExcerpt) lines.push(`          body ${clip(response.bodyExcerpt)}`);
    if (response.streamExcerpt) lines.push(`          stream ${clip(response.streamExcerpt, 400)}`);
  }
  for (const note of evidence.notes ?? []) lines.push(`note:     ${note}`);
  return lines.map((line) => `${indent}${line}\n`).join("");
}

function clip(text: string, max = 240): string {
  const flat = text.replace(/\r?\n/g, "⏎");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
