/**
 * A page per check, generated from the runner's own registry, so a new check gets its page with
 * the build, and a check the page cannot teach with (no title, reference, failureMeans or remedy;
 * the type requires the last two, this guards against empty text) fails the build. Each page
 * says what is required, at which level and what that level means for a run, which specification
 * (document, revision, section) it comes from, what a failure means and how to fix it, which known
 * servers fail it (from the compatibility matrix, linked to their findings there), where the check
 * applies, what must pass first, and what the runner saw at every peer.
 */
import { type Check, transportsOf } from "@mcp-contract/conformance";
import { type CompatMatrix, findingAnchor, MATRIX_PAGE, matrixFindings, matrixRowAnchor } from "./compat-matrix.js";
import { escapeHtml } from "./html.js";
import { pageShell } from "./page-shell.js";
import { sourcesOf } from "./spec-references.js";

/** Where a check's page lives, relative to the site root. */
export const checkPagePath = (id: string): string => `checks/${id}.html`;

const LEVEL_MEANING = {
  MUST: "A MUST: a server that breaks it fails the check, and the run exits 1.",
  SHOULD: "A SHOULD: a server that breaks it gets a warning; the run still passes unless --strict is given.",
  INFO: "INFO: no specification states what a server must do here; the runner records what it did (an observation), never a pass or a failure.",
} as const;

/** The fields a page is written from; each must hold text. */
const TAUGHT = ["id", "title", "reference", "level", "group", "failureMeans", "remedy"] as const;

/** Throws, naming the check, when one lacks what its page must say. */
export function assertDescribable(check: Check): void {
  const missing = TAUGHT.filter((field) => !String(check[field] ?? "").trim());
  if (missing.length > 0) throw new Error(`check ${check.id || "(no id)"} has no ${missing.join(", ")}: its docs page cannot be written`);
}

/** `apiPages`: the API reference pages the site has (openapi/<name>.yaml links to <name>.html). */
export function renderCheckPage(check: Check, matrix: CompatMatrix | undefined, apiPages: readonly string[]): string {
  assertDescribable(check);
  const transports = transportsOf(check);
  const profiles = check.profiles === "all" ? "every dialect" : check.profiles.join(", ");
  const sources = sourcesOf(check.reference, apiPages)
    .map((source) => {
      const text = [source.document, source.revision, source.section].filter(Boolean).map((part) => escapeHtml(part ?? "")).join(", ");
      const href = source.href && !/^https?:/.test(source.href) ? `../${source.href}` : source.href;
      return `<li>${href ? `<a href="${escapeHtml(href)}">${text}</a>` : text}</li>`;
    })
    .join("");
  const requires = check.requires.length
    ? check.requires.map((id) => `<a href="${id}.html"><code>${escapeHtml(id)}</code></a>`).join(", ")
    : "nothing";
  const observation = check.level === "INFO";
  const body = `<h1><code>${escapeHtml(check.id)}</code></h1>
<p id="what">${escapeHtml(check.title)}</p>
<table id="facts">
<tr><th>level</th><td class="level">${check.level}</td><td>${LEVEL_MEANING[check.level]}</td></tr>
<tr><th>specification</th><td colspan="2"><ul id="sources">${sources}</ul><small>as cited: <span id="reference">${escapeHtml(check.reference)}</span></small></td></tr>
<tr><th>group</th><td colspan="2"><code>${escapeHtml(check.group)}</code> (select with <code>--only ${escapeHtml(check.group)}</code> or <code>--skip ${escapeHtml(check.group)}</code>)</td></tr>
<tr><th>applies to</th><td colspan="2">${transports === "all" ? "every kind of server" : escapeHtml(transports.join(", "))}; ${escapeHtml(profiles)}; elsewhere it is skipped, saying why</td></tr>
<tr><th>needs first</th><td colspan="2" id="requires">${requires} (if one of these fails, this check fails naming it)</td></tr>
</table>
<h2>${observation ? "What the observation means" : "What a failure means"}</h2>
<p id="failure-means">${escapeHtml(check.failureMeans)}</p>
<h2>${observation ? "What to do" : "How to fix it"}</h2>
<p id="remedy">${escapeHtml(check.remedy)}</p>
<h2>Known servers that fail it</h2>
${renderFailing(check, matrix)}
<h2>Run it</h2>
<pre>npx mcp-contract check &lt;url&gt; --only ${escapeHtml(check.id)}</pre>
<h2>What the runner saw at every known server</h2>
${renderEvidence(check.id, matrix)}`;
  return pageShell(`${check.id} · mcp-contract`, body, 1);
}

/** The matrix's failures and warnings for this check: who, which version, and what the runner saw. */
function renderFailing(check: Check, matrix: CompatMatrix | undefined): string {
  if (!matrix?.checks.some((row) => row.id === check.id)) {
    return `<p id="failing-none">Not in the compatibility matrix yet (a check newer than the matrix): run <code>npm run compat -w @mcp-contract/conformance</code> to regenerate it.</p>`;
  }
  const failing = matrixFindings(matrix).filter((finding) => finding.id === check.id && (finding.status === "failed" || finding.status === "warning"));
  const ran = matrix.peers.filter((peer) => {
    const status = peer.results[check.id]?.status;
    return status !== undefined && status !== "skipped";
  }).length;
  const toMatrix = `<a href="../${MATRIX_PAGE}#${matrixRowAnchor(check.id)}">its row in the compatibility matrix</a>`;
  if (failing.length === 0) {
    return `<p id="failing-none">None of the ${matrix.peers.length} servers of the compatibility matrix fails it (${ran} ran it; the others were skipped, being of another kind). See ${toMatrix}.</p>`;
  }
  const items = failing.map(
    (finding) =>
      `<li class="${finding.status}"><b>${escapeHtml(finding.peer.name)}</b> <small>${escapeHtml(finding.peer.package)}@${escapeHtml(finding.peer.version)}</small> (${finding.status}): ${escapeHtml(finding.message)} <a href="../${MATRIX_PAGE}#${findingAnchor(finding.n)}">finding ${finding.n}</a></li>`,
  );
  return `<p>${failing.length} of the ${matrix.peers.length} servers of the compatibility matrix (${ran} ran it) fail it; see ${toMatrix}.</p>
<ul id="failing">${items.join("\n")}</ul>`;
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
