/**
 * What the document reporters (Markdown, HTML) show and in which order: the sections results are
 * sorted into (by `kindOf`, the classification the summary counts by), each section's heading,
 * the evidence as plain multi-line text, and a reference split into its text and its links. Each
 * reporter only escapes and lays these out in its own syntax.
 */
import { describeKinds } from "../target/target.js";
import type { CheckResult, Evidence, Report, ResultKind } from "./model.js";
import { kindOf } from "./model.js";

export interface Section {
  readonly kind: ResultKind;
  /** The section heading, e.g. "Not verified". */
  readonly title: string;
  /** What the status means, in one sentence (never says "passed" of anything but a pass). */
  readonly meaning: string;
  readonly symbol: string;
}

/** Failures and warnings first, then what was not decided, and passes last. */
export const SECTIONS: readonly Section[] = [
  { kind: "failed", title: "Failed", symbol: "✘", meaning: "a MUST the server breaks: the run fails." },
  { kind: "warning", title: "Warnings", symbol: "▲", meaning: "a SHOULD the server breaks: the run fails only with --strict." },
  { kind: "not-verified", title: "Not verified", symbol: "?", meaning: "could not be decided without your leave (a tool to call, a credential): not a pass." },
  { kind: "skipped", title: "Skipped", symbol: "○", meaning: "does not apply to this target, or needs an option that was not given." },
  { kind: "expected-failure", title: "Expected failures", symbol: "⊘", meaning: "failed, and the baseline lists the failure: not counted against the run." },
  { kind: "deviation", title: "Known deviations", symbol: "≠", meaning: "the server breaks the rule the way its vendor profile documents: neither passed nor failed." },
  { kind: "observation", title: "Observations", symbol: "ℹ", meaning: "what the server does where no specification states a rule: neither passed nor failed." },
  { kind: "passed", title: "Passed", symbol: "✔", meaning: "the server meets the requirement." },
];

/** The results of one section, in report order. */
export function resultsOf(report: Report, kind: ResultKind): CheckResult[] {
  return report.results.filter((result) => kindOf(result) === kind);
}

/** "PASS", "FAIL" or "COULD NOT RUN". */
export function verdictOf(report: Report): string {
  return report.outcome === "pass" ? "PASS" : report.outcome === "fail" ? "FAIL" : "COULD NOT RUN";
}

/** What was found at the URL: "streamable-http, modern (http+sse …)". */
export function detectionLine(report: Report): string {
  const { detection } = report.target;
  const what = report.couldNotRun ? "could not run" : describeKinds(detection.kinds);
  // Kinds of both transports (an HTTP+SSE path that is modern too) are named by the kinds alone.
  const bothTransports = detection.kinds.includes("http+sse") && detection.kinds.length > 1;
  const transport = detection.transport && detection.transport !== what && !bothTransports ? ` over ${detection.transport}` : "";
  const versions = detection.protocolVersions.length > 0 ? `, protocol ${detection.protocolVersions.join(", ")}` : "";
  return `${what}${transport}${versions} (from ${detection.source}): ${detection.summary}`;
}

/** Every count the summary holds, in the order the brief of a run reads: passed, failed, warnings, …. */
export function countsOf(report: Report): [label: string, count: number][] {
  const { summary } = report;
  const counts: [string, number][] = [
    ["passed", summary.passed],
    ["failed", summary.failed],
    ["warnings", summary.warnings],
    ["not verified", summary.notVerified],
    ["skipped", summary.skipped],
    ["expected failures", summary.expectedFailures ?? 0],
  ];
  if (summary.deviations > 0) counts.push(["known deviations", summary.deviations]);
  if (summary.observations > 0) counts.push(["observations", summary.observations]);
  return counts;
}

/** The evidence as lines of plain text: request, its headers and body; response, its headers, body, stream bytes; notes. */
export function evidenceText(evidence: Evidence): string {
  const lines: string[] = [];
  const { request, response } = evidence;
  if (request) {
    lines.push(`request: ${request.method} ${request.url}`);
    for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`);
    if (request.bodyExcerpt) lines.push("  body:", indent(request.bodyExcerpt));
  }
  if (response) {
    const status = response.status !== undefined ? String(response.status) : "(no response)";
    const after = response.durationMs !== undefined ? ` after ${response.durationMs} ms` : "";
    lines.push(`response: ${status}${after}${response.error ? `: ${response.error}` : ""}`);
    for (const [name, value] of Object.entries(response.headers ?? {})) lines.push(`  ${name}: ${value}`);
    if (response.bodyExcerpt) lines.push("  body:", indent(response.bodyExcerpt));
    if (response.streamExcerpt) lines.push("  stream (escaped bytes):", indent(response.streamExcerpt));
  }
  for (const note of evidence.notes ?? []) lines.push(`note: ${note}`);
  return lines.join("\n");
}

function indent(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `    ${line}`)
    .join("\n");
}

/** A piece of a reference: words, or an http(s) link. */
export type ReferencePart = { readonly text: string } | { readonly url: string; readonly label: string };

const URL_IN_TEXT = /https?:\/\/[^\s,;]+/g;

/** The reference with each http(s) URL in it as a link (a seed or contract reference has none). */
export function referenceParts(reference: string): ReferencePart[] {
  const parts: ReferencePart[] = [];
  let at = 0;
  for (const match of reference.matchAll(URL_IN_TEXT)) {
    // Punctuation that ends a sentence is not part of the URL.
    const raw = match[0].replace(/[.)]+$/, "");
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url) continue;
    if (match.index > at) parts.push({ text: reference.slice(at, match.index) });
    parts.push({ url: url.href, label: `${url.hostname.replace(/^www\./, "")}${url.pathname.replace(/^\/specification\//, "/")}${url.hash}` });
    at = match.index + raw.length;
  }
  if (at < reference.length) parts.push({ text: reference.slice(at) });
  return parts;
}

/** Control characters shown as `\xNN` (tabs and newlines kept), so no reader's terminal or parser sees them raw. */
export function showControls(text: string, keepNewlines: boolean): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point
  const controls = keepNewlines ? /[\u0000-\u0008\u000B-\u001F\u007F\u2028\u2029]/g : /[\u0000-\u001F\u007F\u2028\u2029]/g;
  return text.replace(/\r\n/g, "\n").replace(controls, (c) => (c === "\n" ? " ⏎ " : c === "\t" ? " " : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}

/** `&`, `<`, `>` and `"` as entities: text that can sit in an HTML text node or a double-quoted attribute. */
export function htmlEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
