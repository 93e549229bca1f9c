/**
 * A page per check, generated from the runner's own registry, so a new check gets its page with
 * the build and a check the page cannot describe (no title or reference) fails the build. Each
 * page says what is required, at which level and what that level means for a run, where the
 * requirement comes from, where the check applies, what must pass first, and what the runner saw
 * at each peer of the compatibility matrix (the evidence, not only a symbol).
 */
import { type Check, transportsOf } from "@mcp-contract/conformance";
import type { CompatMatrix } from "./compat-matrix.js";
import { escapeHtml } from "./html.js";
import { pageShell } from "./page-shell.js";

/** Where a check's page lives, relative to the site root. */
export const checkPagePath = (id: string): string => `checks/${id}.html`;

const LEVEL_MEANING = {
  MUST: "A MUST: a server that breaks it fails the check, and the run exits 1.",
  SHOULD: "A SHOULD: a server that breaks it gets a warning; the run still passes unless --strict is given.",
  INFO: "INFO: no specification states what a server must do here; the runner records what it did (an observation), never a pass or a failure.",
} as const;

/** Throws, naming the check, when one lacks what its page must say. */
export function assertDescribable(check: Check): void {
  const missing = (["id", "title", "reference", "level", "group"] as const).filter((field) => !String(check[field] ?? "").trim());
  if (missing.length > 0) throw new Error(`check ${check.id || "(no id)"} has no ${missing.join(", ")}: its docs page cannot be written`);
}

export function renderCheckPage(check: Check, matrix: CompatMatrix | undefined): string {
  assertDescribable(check);
  const transports = transportsOf(check);
  const profiles = check.profiles === "all" ? "every dialect" : check.profiles.join(", ");
  const reference = /^https?:\/\//.test(check.reference)
    ? `<a href="${escapeHtml(check.reference.split(/\s/)[0] ?? "")}">${escapeHtml(check.reference)}</a>`
    : escapeHtml(check.reference);
  const requires = check.requires.length
    ? check.requires.map((id) => `<a href="${id}.html"><code>${escapeHtml(id)}</code></a>`).join(", ")
    : "nothing";
  const body = `<h1><code>${escapeHtml(check.id)}</code></h1>
<p id="what">${escapeHtml(check.title)}</p>
<table id="facts">
<tr><th>level</th><td class="level">${check.level}</td><td>${LEVEL_MEANING[check.level]}</td></tr>
<tr><th>reference</th><td colspan="2" id="reference">${reference}</td></tr>
<tr><th>group</th><td colspan="2"><code>${escapeHtml(check.group)}</code> (select with <code>--only ${escapeHtml(check.group)}</code> or <code>--skip ${escapeHtml(check.group)}</code>)</td></tr>
<tr><th>applies to</th><td colspan="2">${transports === "all" ? "every kind of server" : escapeHtml(transports.join(", "))}; ${escapeHtml(profiles)}; elsewhere it is skipped, saying why</td></tr>
<tr><th>needs first</th><td colspan="2" id="requires">${requires} (if one of these fails, this check fails naming it)</td></tr>
</table>
<h2>Run it</h2>
<pre>npx mcp-contract check &lt;url&gt; --only ${escapeHtml(check.id)}</pre>
<h2>What the runner saw at known servers</h2>
${renderEvidence(check.id, matrix)}`;
  return pageShell(`${check.id} · mcp-contract`, body, 1);
}

/** One row per matrix peer: its status and the runner's message, in full. */
function renderEvidence(id: string, matrix: CompatMatrix | undefined): string {
  const rows = (matrix?.peers ?? []).flatMap((peer) => {
    const result = peer.results[id];
    return result
      ? [`<tr class="${result.status}"><td>${escapeHtml(peer.name)}<br><small>${escapeHtml(peer.package)}@${escapeHtml(peer.version)}</small></td><td>${result.status}</td><td>${escapeHtml(result.message)}</td></tr>`]
      : [];
  });
  if (rows.length === 0) return `<p id="no-evidence">Not in the compatibility matrix yet: run <code>npm run compat -w @mcp-contract/conformance</code>.</p>`;
  return `<table id="evidence"><thead><tr><th>server</th><th>status</th><th>what the runner saw</th></tr></thead>\n${rows.join("\n")}</table>`;
}
