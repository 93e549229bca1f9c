/**
 * Renders the site's index: what the dialects are, a link to each API's reference page with its
 * operations, and the peer compatibility matrix.
 */
import type { BundledSpec, SpecName } from "@mcp-contract/api-types";
import type { CompatMatrix } from "./compat-matrix.js";
import { escapeHtml } from "./html.js";
import { operationsOf } from "./operations.js";

const SYMBOL = { passed: "✓", failed: "✗", warning: "!", skipped: "–", "not-verified": "?", observation: "ℹ" } as const;

export function renderIndexPage(specs: Readonly<Record<SpecName, BundledSpec>>, matrix: CompatMatrix | undefined): string {
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
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mcp-contract: MCP over HTTP+SSE contracts</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}
th{background:#eef}code{background:#f3f3f8;padding:0 .2rem}.passed{color:#17803d}.failed{color:#b42318}
.warning{color:#a15c07}.skipped{color:#667}.not-verified{color:#7a3e9d}.observation{color:#1f5fa8}
</style></head><body>
<h1>mcp-contract</h1>
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
<h2 id="compatibility">Compatibility of published servers</h2>
${matrix ? renderMatrix(matrix) : `<p id="matrix-missing">The compatibility matrix has not been generated yet: run <code>npm run compat -w @mcp-contract/conformance</code>.</p>`}
</body></html>
`;
}

function renderMatrix(matrix: CompatMatrix): string {
  const header = matrix.peers.map((peer) => `<th>${escapeHtml(peer.name)}<br><small>${escapeHtml(peer.package)}@${escapeHtml(peer.version)}</small></th>`).join("");
  const summary = matrix.peers
    .map((peer) => `<td>${peer.summary.passed} passed, ${peer.summary.failed} failed, ${peer.summary.warnings} warnings</td>`)
    .join("");
  const rows = matrix.checks
    .map((check) => {
      const cells = matrix.peers
        .map((peer) => {
          const result = peer.results[check.id];
          if (!result) return `<td class="skipped">–</td>`;
          return `<td class="${result.status}" title="${escapeHtml(result.message)}">${SYMBOL[result.status]}</td>`;
        })
        .join("");
      return `<tr><td><code>${escapeHtml(check.id)}</code> <small>${check.level}</small></td>${cells}</tr>`;
    })
    .join("\n");
  return `<p>Generated ${escapeHtml(matrix.generatedAt)} by running <code>mcp-contract check</code> against each peer on loopback. ✓ passed, ✗ failed (MUST), ! warning (SHOULD), – skipped, ? not verified (a tool call the runner was not allowed to make). Hover a cell for the evidence.</p>
<table id="compat-matrix"><tr><th>check</th>${header}</tr><tr><td>summary</td>${summary}</tr>
${rows}</table>`;
}
