/**
 * The Markdown reporter, for pull-request comments and GitHub job summaries ($GITHUB_STEP_SUMMARY):
 * the verdict, what was found at the URL, the counts, a table of failures and warnings (check id,
 * level, message, the spec section linked), the evidence of each in a collapsible <details>, then
 * what was not verified, skipped, expected, deviating or observed, with its reason, and the passes.
 *
 * Everything the server (or the user) supplied is escaped: in Markdown text every character
 * Markdown or HTML gives a meaning to is backslash-escaped or an entity; inside the raw HTML of a
 * <details> line only entities work, so only entities are used there; evidence sits in a fenced
 * code block whose fence is longer than any backtick run in it, so no byte of it can close the
 * block. GitHub refuses a step summary over 1 MiB, so the document is kept under `maxBytes`: the
 * evidence is cut first (a note says how much), and only then the document itself.
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
 * @see https://github.github.com/gfm/
 */
import { staleMessage } from "../baseline/apply-baseline.js";
import { countsOf, detectionLine, evidenceText, htmlEntities, referenceParts, resultsOf, SECTIONS, showControls, verdictOf } from "./document.js";
import type { CheckResult, Report } from "./model.js";

/** GitHub's bound on one step's summary. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface MarkdownOptions {
  /** The most the document may take, in UTF-8 bytes (default: GitHub's step-summary bound less a margin for other steps' lines). */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = STEP_SUMMARY_LIMIT_BYTES - 64 * 1024;
/** A message or reason longer than this is cut in tables: the full text is in the JSON and HTML reports. */
const CELL_CHARS = 600;
/** One finding's evidence longer than this is cut (the excerpts in it are bounded already; headers may not be). */
const EVIDENCE_CHARS = 16_000;
const ICON = { pass: "✅", fail: "❌", "could-not-run": "⚠️" } as const;

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const head = headOf(report);
  const findings = [...resultsOf(report, "failed"), ...resultsOf(report, "warning")];
  const evidenceOf = findings.filter((result) => result.evidence);
  const rest = restOf(report);
  // The evidence gets what the rest leaves, block by block, in table order.
  const note = (left: number): string =>
    `\n> Evidence of ${left} more ${left === 1 ? "finding" : "findings"} left out to keep this summary under ${maxBytes} bytes (GitHub takes at most 1 MiB): the JSON and HTML reports have it all.\n`;
  let budget = maxBytes - bytes(head) - bytes(rest) - bytes(note(evidenceOf.length)) - bytes("\n#### Evidence\n");
  const blocks: string[] = [];
  for (const result of evidenceOf) {
    const block = evidenceBlock(result);
    if (bytes(block) > budget) break;
    budget -= bytes(block);
    blocks.push(block);
  }
  const left = evidenceOf.length - blocks.length;
  const evidence = evidenceOf.length > 0 ? `\n#### Evidence\n${blocks.join("")}${left > 0 ? note(left) : ""}` : "";
  return fit(`${head}${evidence}${rest}`, maxBytes);
}

/** Verdict, target, counts, stale baseline entries, and the table of failures and warnings. */
function headOf(report: Report): string {
  const lines: string[] = [];
  lines.push(`## ${ICON[report.outcome]} mcp-contract: ${verdictOf(report)}`, "");
  lines.push(`**Target:** \`${code(report.target.url)}\` · ${md(detectionLine(report))}`, "");
  if (report.target.detection.steps.length > 0) {
    lines.push("<details><summary>How the target was detected</summary>", "", ...report.target.detection.steps.map((step) => `- ${md(step)}`), "", "</details>", "");
  }
  if (report.couldNotRun) lines.push(`**Could not run** (${md(report.couldNotRun.cause)}): ${md(report.couldNotRun.message)}`, "");
  const counts = countsOf(report)
    .map(([label, count]) => `${count} ${label}`)
    .join(" · ");
  const strict = report.options.strict && report.summary.warnings > 0 ? " (--strict: warnings fail the run)" : "";
  lines.push(`**${verdictOf(report)}**: ${counts} of ${report.summary.total} checks in ${report.durationMs} ms; profile ${md(report.target.profile)} (${report.target.profileSource})${strict}`, "");
  const stale = report.couldNotRun ? [] : (report.baseline?.stale ?? []);
  if (stale.length > 0) {
    lines.push(`### Stale baseline entries (${stale.length})`, "", ...stale.map((entry) => `- ${md(staleMessage(entry, report.baseline?.file ?? "the baseline"))}`), "");
  }
  const findings = [...resultsOf(report, "failed"), ...resultsOf(report, "warning")];
  if (findings.length > 0) {
    lines.push(`### Failures and warnings (${findings.length})`, "", "| | Check | Level | Message | Reference |", "|---|---|---|---|---|");
    for (const result of findings) {
      const symbol = result.status === "failed" ? "✘ failed" : "▲ warning";
      lines.push(`| ${symbol} | \`${code(result.id)}\` | ${result.level} | ${cell(result.message)} | ${reference(result.reference)} |`);
    }
  } else if (!report.couldNotRun) {
    lines.push("No failures or warnings.");
  }
  return `${lines.join("\n")}\n`;
}

/** The sections after the failures: not verified, skipped, expected, deviations, observations, passed. */
function restOf(report: Report): string {
  const lines: string[] = [];
  for (const section of SECTIONS) {
    if (section.kind === "failed" || section.kind === "warning" || section.kind === "passed") continue;
    const results = resultsOf(report, section.kind);
    if (results.length === 0) continue;
    lines.push("", `### ${section.symbol} ${section.title} (${results.length})`, "", `_${md(section.meaning)}_`, "");
    if (section.kind === "expected-failure") {
      lines.push("| Check | Level | Status | Baseline reason | Message |", "|---|---|---|---|---|");
      for (const r of results) lines.push(`| \`${code(r.id)}\` | ${r.level} | ${r.status} | ${cell(r.expectedFailure?.reason ?? "")} | ${cell(r.message)} |`);
    } else {
      lines.push(`| Check | Level | ${section.kind === "skipped" || section.kind === "not-verified" ? "Reason" : "Message"} |`, "|---|---|---|");
      for (const r of results) lines.push(`| \`${code(r.id)}\` | ${r.level} | ${cell(r.message)} |`);
    }
  }
  const passed = resultsOf(report, "passed");
  if (passed.length > 0) {
    lines.push("", `<details><summary>✔ Passed (${passed.length})</summary>`, "", passed.map((r) => `\`${code(r.id)}\``).join(" · "), "", "</details>");
  }
  lines.push("", `<sub>${md(`${report.tool.name} ${report.tool.version}, started ${report.startedAt}`)}</sub>`, "");
  return lines.join("\n");
}

/** One finding's evidence: a <details> whose summary names the check, and the evidence in a fence. */
function evidenceBlock(result: CheckResult): string {
  let text = showControls(result.evidence ? evidenceText(result.evidence) : "", true);
  if (text.length > EVIDENCE_CHARS) text = `${text.slice(0, EVIDENCE_CHARS)}\n… (cut at ${EVIDENCE_CHARS} characters; the JSON and HTML reports have the rest)`;
  const fence = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const symbol = result.status === "failed" ? "✘" : "▲";
  return `\n<details><summary>${symbol} <code>${html(result.id)}</code> (${result.level}): ${html(clip(result.title))}</summary>\n\n${fence}text\n${text}\n${fence}\n\n</details>\n`;
}

/** The reference as text with its spec URLs linked. */
function reference(text: string): string {
  return referenceParts(clip(text))
    .map((part) => ("url" in part ? `[${md(part.label)}](${linkTarget(part.url)})` : md(part.text)))
    .join("");
}

/** A link destination Markdown cannot misread: percent-encoded where it could end the link. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s\\"'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** A table cell: one line, bounded, escaped. */
function cell(text: string): string {
  return md(clip(text));
}

function clip(text: string): string {
  return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text;
}

/**
 * Markdown text: one line, every character Markdown (GFM: emphasis, links, tables, strikethrough,
 * math, autolinks) or HTML gives a meaning to inside a line escaped, and a block marker at its
 * start (a list item's text is at a line start), so server text stays text.
 */
export function md(text: string): string {
  return htmlEntities(
    showControls(text, false)
      .replace(/[\\`*_{}[\]|~$:!]/g, "\\$&")
      .replace(/^([#+\-=>]|\d+(?=[.)]))/, "\\$1"),
  );
}

/** Text inside raw HTML (a <details> line): entities only, since Markdown escapes are not read there. */
function html(text: string): string {
  return htmlEntities(showControls(text, false));
}

/** A code span's content: a backtick cannot end it (shown as ʼ), nor a pipe end a table cell. */
function code(text: string): string {
  return showControls(text, false).replace(/`/g, "ʼ").replace(/\|/g, "\\|");
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Last resort (tables alone over the bound): cut at a line, and say so. */
function fit(document: string, maxBytes: number): string {
  if (bytes(document) <= maxBytes) return document;
  const note = "\n\n> Report cut here to stay under the step-summary limit: the JSON and HTML reports have it all.\n";
  const room = Buffer.from(document, "utf8").subarray(0, Math.max(0, maxBytes - bytes(note)));
  const text = room.toString("utf8").replace(/\uFFFD$/, "");
  const cut = text.lastIndexOf("\n");
  return `${cut > 0 ? text.slice(0, cut) : ""}${note}`;
}
