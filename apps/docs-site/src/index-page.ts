/**
 * Renders the site's index: what the dialects are, a link to each API's reference page with its
 * operations, every check (each linking to its page), and the peer compatibility matrix, whose
 * findings are numbered in their cells and written out in full below it (readable without
 * hovering), under a header row that stays in view while the rows scroll.
 */
import type { BundledSpec, SpecName } from "@mcp-contract/api-types";
import type { Check } from "@mcp-contract/conformance";
import { checkPagePath } from "./check-pages.js";
import type { CompatMatrix } from "./compat-matrix.js";
import { escapeHtml } from "./html.js";
import { operationsOf } from "./operations.js";
import { pageShell } from "./page-shell.js";

const SYMBOL = { passed: "✓", failed: "✗", warning: "!", skipped: "–", "not-verified": "?", observation: "ℹ", deviation: "≠" } as const;

export function renderIndexPage(specs: Readonly<Record<SpecName, BundledSpec>>, checks: readonly Check[], matrix: CompatMatrix | undefined): string {
  const apiSections = (Object.entries(specs) as [SpecName, BundledSpec][])
    .map(([name, spec]) => {
      const rows = operationsOf(spec)
        .map(
          (op) =>
            `<li data-operation-id="${escapeHtml(op.operationId)}"><code>${op.method} ${escapeHtml(op.path)}</code> ${escapeHtml(op.summary)}</li>`,
        )
        .join("\n");
      return `<section class="api" id="api-${name}"><h3><a href="${name}.html">${escapeHtml(spec.info.title)}</a></h3><ul>${rows}</ul></section>`;
    })
    .join("\n");
  return pageShell(
    "mcp-contract: MCP over HTTP contracts",
    `<h1>mcp-contract</h1>
<p>Contracts for Model Context Protocol servers that speak HTTP + Server-Sent Events. A client opens a
session with a <code>GET</code> whose stream starts with an <code>endpoint</code> event, then POSTs JSON-RPC
messages there; answers arrive on the stream (or, in the Celonis dialect, in the POST's answer).</p>
<h2>Dialects</h2>
<table id="dialects"><tr><th>dialect</th><th>stream</th><th>messages</th><th>answers</th><th>credentials</th></tr>
<tr><td>Spice.ai runtime</td><td><code>GET /v1/mcp/sse</code></td><td><code>POST /v1/mcp/sse?sessionId=</code></td><td>202, then on the stream</td><td><code>X-API-Key</code></td></tr>
<tr><td>OpenSearch ML Commons</td><td><code>GET /_plugins/_ml/mcp/sse[?append_to_base_url=true]</code></td><td><code>POST /_plugins/_ml/mcp/sse/message?sessionId=</code> (or <code>/sse/message</code>)</td><td>202, then on the stream</td><td>cluster security</td></tr>
<tr><td>Celonis MCP Server Asset</td><td><code>GET /studio-copilot/api/v1/mcp-servers/mcp/{asset_id}</code> (60 s)</td><td><code>POST</code> on the same path</td><td>200 with the JSON-RPC response</td><td>Bearer JWT</td></tr>
</table>
<h2>API reference</h2>
${apiSections}
<h2 id="checks">Checks</h2>
<p>What <a href="cli.html"><code>mcp-contract check</code></a> tests, one page per check: the requirement, its level, its reference and what known servers did.</p>
${renderCheckList(checks)}
<h2 id="compatibility">Compatibility of published servers</h2>
${matrix ? renderMatrix(matrix, new Set(checks.map((check) => check.id))) : `<p id="matrix-missing">The compatibility matrix has not been generated yet: run <code>npm run compat -w @mcp-contract/conformance</code>.</p>`}`,
  );
}

/** Every check, by group, each linking to its page. */
function renderCheckList(checks: readonly Check[]): string {
  const groups = [...new Set(checks.map((check) => check.group))];
  return groups
    .map((group) => {
      const items = checks
        .filter((check) => check.group === group)
        .map((check) => `<li><a href="${checkPagePath(check.id)}"><code>${escapeHtml(check.id)}</code></a> <small>${check.level}</small> ${escapeHtml(check.title)}</li>`)
        .join("\n");
      return `<h3>${escapeHtml(group)}</h3><ul class="check-list">${items}</ul>`;
    })
    .join("\n");
}

/** `paged`: the ids that have a page (a matrix from an older run may name a check since renamed). */
function renderMatrix(matrix: CompatMatrix, paged: ReadonlySet<string>): string {
  const linked = (id: string) => (paged.has(id) ? `<a href="${checkPagePath(id)}"><code>${escapeHtml(id)}</code></a>` : `<code>${escapeHtml(id)}</code>`);
  const header = matrix.peers.map((peer) => `<th>${escapeHtml(peer.name)}<br><small>${escapeHtml(peer.package)}@${escapeHtml(peer.version)}</small></th>`).join("");
  const summary = matrix.peers
    .map((peer) => `<td>${peer.summary.passed} passed, ${peer.summary.failed} failed, ${peer.summary.warnings} warnings</td>`)
    .join("");
  const findings: string[] = [];
  const rows = matrix.checks
    .map((check) => {
      const cells = matrix.peers
        .map((peer) => {
          const result = peer.results[check.id];
          if (!result) return `<td class="skipped">–</td>`;
          if (result.status === "passed" || result.status === "skipped") return `<td class="${result.status}">${SYMBOL[result.status]}</td>`;
          findings.push(
            `<li id="finding-${findings.length + 1}" class="${result.status}"><b>${escapeHtml(peer.name)}</b>, ${linked(check.id)} (${result.status}): ${escapeHtml(result.message)}</li>`,
          );
          const n = findings.length;
          return `<td class="${result.status}">${SYMBOL[result.status]}<sup><a href="#finding-${n}">${n}</a></sup></td>`;
        })
        .join("");
      return `<tr><td>${linked(check.id)} <small>${check.level}</small></td>${cells}</tr>`;
    })
    .join("\n");
  return `<p>Generated ${escapeHtml(matrix.generatedAt)} by running <code>mcp-contract check</code> against each peer on loopback. ✓ passed, ✗ failed (MUST), ! warning (SHOULD), – skipped, ? not verified (a tool call the runner was not allowed to make), ℹ observation (INFO: what the server did where no specification says), ≠ a deviation the vendor profile names. Each finding is numbered; what the runner saw is written out below the table.</p>
<table id="compat-matrix"><thead><tr><th>check</th>${header}</tr></thead><tbody><tr><td>summary</td>${summary}</tr>
${rows}</tbody></table>
<h3 id="findings-heading">Findings</h3>
<ol class="findings" id="findings">${findings.join("\n")}</ol>`;
}
