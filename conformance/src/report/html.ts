/**
 * The HTML reporter: one self-contained file to archive or attach, with every finding's evidence
 * in full and visible (no hover, no script), the verdict, what was found at the URL, the counts,
 * and each status in its own section, so "not verified" can never be read as passed.
 *
 * It asks for nothing from anywhere: styles are inline, there is no script, and a Content Security
 * Policy of `default-src 'none'` says so to the browser. Every piece of text, all of which may
 * come from the server under test, is HTML-escaped, and links are made only from the spec URLs
 * of the checks' own references (http and https only).
 */
import { staleMessage } from "../baseline/apply-baseline.js";
import { countsOf, detectionLine, evidenceText, htmlEntities, referenceParts, resultsOf, SECTIONS, showControls, verdictOf } from "./document.js";
import type { CheckResult, Report } from "./model.js";

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
.pass{color:#1a7f37}.fail,.failed{color:#cf222e}.could-not-run,.warning{color:#9a6700}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font:12px ui-monospace,monospace}pre{background:#f6f8fa;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,monospace}
.meaning{color:#59636e;font-style:italic}.finding{border:1px solid #d0d7de;border-radius:6px;padding:.2rem .8rem;margin:.8rem 0}
`.trim();

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return htmlEntities(text).replace(/'/g, "&#39;");
}

/** One line of text: controls shown as escapes, then HTML-escaped. */
const text = (value: string): string => escapeHtml(showControls(value, false));

export function renderHtml(report: Report): string {
  const verdict = verdictOf(report);
  const counts = countsOf(report)
    .map(([label, count]) => `${count} ${text(label)}`)
    .join(" · ");
  const body: string[] = [
    `<h1 class="${report.outcome}">mcp-contract: ${text(verdict)}</h1>`,
    `<p><strong>Target:</strong> <code>${text(report.target.url)}</code> · ${text(detectionLine(report))}</p>`,
  ];
  if (report.target.detection.steps.length > 0) {
    body.push(`<details open><summary>How the target was detected</summary><ul>${report.target.detection.steps.map((step) => `<li>${text(step)}</li>`).join("")}</ul></details>`);
  }
  if (report.couldNotRun) body.push(`<p class="could-not-run"><strong>Could not run</strong> (${text(report.couldNotRun.cause)}): ${text(report.couldNotRun.message)}</p>`);
  body.push(`<p><strong>${text(verdict)}</strong>: ${counts} of ${report.summary.total} checks in ${report.durationMs} ms; profile ${text(report.target.profile)} (${text(report.target.profileSource)})</p>`);
  const stale = report.couldNotRun ? [] : (report.baseline?.stale ?? []);
  if (stale.length > 0) {
    body.push(`<h2>Stale baseline entries (${stale.length})</h2><ul>${stale.map((entry) => `<li>${text(staleMessage(entry, report.baseline?.file ?? "the baseline"))}</li>`).join("")}</ul>`);
  }
  for (const section of SECTIONS) {
    const results = resultsOf(report, section.kind);
    if (results.length === 0) continue;
    body.push(`<h2 id="${section.kind}" class="${section.kind}">${text(`${section.symbol} ${section.title}`)} (${results.length})</h2>`, `<p class="meaning">${text(section.meaning)}</p>`);
    body.push(...results.map(finding));
  }
  body.push(`<p class="meaning">${text(`${report.tool.name} ${report.tool.version}, started ${report.startedAt}`)}</p>`);
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>mcp-contract: ${text(verdict)} (${text(report.target.url)})</title>`,
    `<style>${STYLE}</style></head><body>`,
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}

/** One check: its id, level, title, message and reference, and its evidence in full when it has any. */
function finding(result: CheckResult): string {
  const reason = result.expectedFailure ? `<p>Baseline: ${text(result.expectedFailure.reason)}</p>` : "";
  const evidence = result.evidence ? `<pre>${escapeHtml(showControls(evidenceText(result.evidence), true))}</pre>` : "";
  return (
    `<div class="finding" id="check-${text(result.id)}"><p><code>${text(result.id)}</code> <strong>${result.level}</strong> · ${text(result.title)}</p>` +
    `<p class="${result.status}">${text(result.message)}</p>${reason}<p>${reference(result.reference)}</p>${evidence}</div>`
  );
}

/** The reference text with its spec URLs linked (http and https only; anything else stays text). */
function reference(value: string): string {
  return referenceParts(value)
    .map((part) => ("url" in part && /^https?:\/\//i.test(part.url) ? `<a href="${escapeHtml(part.url)}">${text(part.label)}</a>` : text("url" in part ? part.label : part.text)))
    .join("");
}
