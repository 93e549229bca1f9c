/**
 * Renders the site's index: what the dialects are, a link to each API's reference page with its
 * operations, every check (each linking to its page), and each published server's totals, linking
 * to the compatibility matrix page.
 */
import type { BundledSpec, SpecName } from "@mcp-contract/api-types";
import type { Check } from "@mcp-contract/conformance";
import { checkPagePath } from "./check-pages.js";
import { type CompatMatrix, MATRIX_PAGE } from "./compat-matrix.js";
import { escapeHtml } from "./html.js";
import { operationsOf } from "./operations.js";
import { pageShell } from "./page-shell.js";

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
<p>Contracts and a conformance runner for Model Context Protocol servers over HTTP: Streamable HTTP (the 2025
revisions, with or without sessions, and the stateless 2026-07-28 era) and the deprecated HTTP + Server-Sent Events
transport with its vendor dialects. <a href="transports.html">Transports and eras</a> explains each and how the runner
tells them apart. In the HTTP+SSE dialects below, a client opens a session with a <code>GET</code> whose stream starts
with an <code>endpoint</code> event, then POSTs JSON-RPC messages there; answers arrive on the stream (or, in the Celonis
dialect, in the POST's answer).</p>
<h2>Dialects</h2>
<table id="dialects"><tr><th>dialect</th><th>stream</th><th>messages</th><th>answers</th><th>credentials</th></tr>
<tr><td>Spice.ai runtime</td><td><code>GET /v1/mcp/sse</code></td><td><code>POST /v1/mcp/sse?sessionId=</code></td><td>202, then on the stream</td><td><code>X-API-Key</code></td></tr>
<tr><td>OpenSearch ML Commons</td><td><code>GET /_plugins/_ml/mcp/sse[?append_to_base_url=true]</code></td><td><code>POST /_plugins/_ml/mcp/sse/message?sessionId=</code> (or <code>/sse/message</code>)</td><td>202, then on the stream</td><td>cluster security</td></tr>
<tr><td>Celonis MCP Server Asset</td><td><code>GET /studio-copilot/api/v1/mcp-servers/mcp/{asset_id}</code> (60 s)</td><td><code>POST</code> on the same path</td><td>200 with the JSON-RPC response</td><td>Bearer JWT</td></tr>
</table>
<h2>API reference</h2>
${apiSections}
<h2 id="checks">Checks</h2>
<p>What <a href="cli.html"><code>mcp-contract check</code></a> tests, one page per check: the requirement, its level and the specification it comes from, what a failure means, how to fix it, and which known servers fail it.</p>
${renderCheckList(checks)}
<h2 id="compatibility">Compatibility of published servers</h2>
${matrix ? renderPeerSummary(matrix) : `<p id="matrix-missing">The compatibility matrix has not been generated yet: run <code>npm run compat -w @mcp-contract/conformance</code>.</p>`}`,
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

/** One row per peer: what it is, and its totals; the full matrix is on its own page. */
function renderPeerSummary(matrix: CompatMatrix): string {
  const rows = matrix.peers
    .map(
      (peer) =>
        `<tr><td>${escapeHtml(peer.name)}</td><td><code>${escapeHtml(peer.package)}@${escapeHtml(peer.version)}</code></td><td>${peer.summary.passed}</td><td>${peer.summary.failed}</td><td>${peer.summary.warnings}</td></tr>`,
    )
    .join("\n");
  return `<p>The runner is run against published servers on loopback; <a href="${MATRIX_PAGE}">the compatibility matrix</a> has every check for each, and every finding written out.</p>
<table id="peers"><thead><tr><th>server</th><th>package</th><th>passed</th><th>failed</th><th>warnings</th></tr></thead><tbody>
${rows}</tbody></table>`;
}
