/**
 * The compatibility matrix page: every check against every published server the matrix ran, its
 * findings numbered in their cells and written out in full below the table (readable without
 * hovering: nothing is left to a tooltip), under a header row that stays in view while the rows
 * scroll. Each check's row has an anchor its page links to.
 */
import type { Check } from "@mcp-contract/conformance";
import { checkPagePath } from "./check-pages.js";
import { type CompatMatrix, findingAnchor, matrixFindings, matrixRowAnchor } from "./compat-matrix.js";
import { escapeHtml } from "./html.js";
import { pageShell } from "./page-shell.js";

const SYMBOL = { passed: "✓", failed: "✗", warning: "!", skipped: "–", "not-verified": "?", observation: "ℹ", deviation: "≠" } as const;

const MISSING = `<p id="matrix-missing">The compatibility matrix has not been generated yet: run <code>npm run compat -w @mcp-contract/conformance</code>.</p>`;

export function renderMatrixPage(checks: readonly Check[], matrix: CompatMatrix | undefined): string {
  return pageShell(
    "Compatibility of published servers · mcp-contract",
    `<h1>Compatibility of published servers</h1>
${matrix ? renderMatrix(matrix, new Set(checks.map((check) => check.id))) : MISSING}`,
  );
}

/** `paged`: the ids that have a page (a matrix from an older run may name a check since renamed). */
function renderMatrix(matrix: CompatMatrix, paged: ReadonlySet<string>): string {
  const linked = (id: string) =>
    paged.has(id) ? `<a href="${checkPagePath(id)}"><code>${escapeHtml(id)}</code></a>` : `<code>${escapeHtml(id)}</code>`;
  const header = matrix.peers.map((peer) => `<th>${escapeHtml(peer.name)}<br><small>${escapeHtml(peer.package)}@${escapeHtml(peer.version)}</small></th>`).join("");
  const summary = matrix.peers
    .map((peer) => `<td>${peer.summary.passed} passed, ${peer.summary.failed} failed, ${peer.summary.warnings} warnings</td>`)
    .join("");
  const findings = matrixFindings(matrix);
  const numbered = new Map(findings.map((finding) => [`${finding.id} ${matrix.peers.indexOf(finding.peer)}`, finding.n]));
  const rows = matrix.checks
    .map((check) => {
      const cells = matrix.peers
        .map((peer, column) => {
          const result = peer.results[check.id];
          if (!result) return `<td class="skipped">–</td>`;
          const n = numbered.get(`${check.id} ${column}`);
          if (n === undefined) return `<td class="${result.status}">${SYMBOL[result.status]}</td>`;
          return `<td class="${result.status}">${SYMBOL[result.status]}<sup><a href="#${findingAnchor(n)}">${n}</a></sup></td>`;
        })
        .join("");
      return `<tr id="${matrixRowAnchor(check.id)}"><td>${linked(check.id)} <small>${check.level}</small></td>${cells}</tr>`;
    })
    .join("\n");
  const items = findings.map(
    (finding) =>
      `<li id="${findingAnchor(finding.n)}" class="${finding.status}"><b>${escapeHtml(finding.peer.name)}</b> <small>${escapeHtml(finding.peer.package)}@${escapeHtml(finding.peer.version)}</small>, ${linked(finding.id)} (${finding.status}): ${escapeHtml(finding.message)}</li>`,
  );
  return `<p>Generated ${escapeHtml(matrix.generatedAt)} by running <code>mcp-contract check</code> against each peer on loopback. ✓ passed, ✗ failed (MUST), ! warning (SHOULD), – skipped, ? not verified (a tool call the runner was not allowed to make), ℹ observation (INFO: what the server did where no specification says), ≠ a deviation the vendor profile names. Each finding is numbered; what the runner saw is written out below the table, and each check's page says what a failure means and how to fix it.</p>
<table id="compat-matrix"><thead><tr><th>check</th>${header}</tr></thead><tbody><tr><td>summary</td>${summary}</tr>
${rows}</tbody></table>
<h2 id="findings-heading">Findings</h2>
<ol class="findings" id="findings">${items.join("\n")}</ol>`;
}
