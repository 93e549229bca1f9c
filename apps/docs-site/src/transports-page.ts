/**
 * The guide to the transports and eras: how each kind of MCP-over-HTTP server talks, how the
 * runner tells them apart, and (from the registry, so it cannot drift) which checks apply to each.
 */
import { type Check, transportsOf } from "@mcp-contract/conformance";
import { checkPagePath } from "./check-pages.js";
import { escapeHtml } from "./html.js";
import { pageShell } from "./page-shell.js";

/** The target kinds checks name, in the order the runner's detection tries them (modern first). */
const KINDS = [
  {
    kind: "modern",
    name: "Streamable HTTP, 2026-07-28 (modern)",
    how: "Stateless: every JSON-RPC request is a POST that carries its protocol version and client capabilities in <code>_meta</code> and in headers (<code>MCP-Protocol-Version</code>, <code>Mcp-Method</code>, <code>Mcp-Name</code>). There is no <code>initialize</code> and no session; <code>server/discover</code> says what the server supports.",
    detect: "The runner first sends a modern <code>server/discover</code>: a result, or an error only a 2026-07-28 server gives, proves this era (a bare 2xx does not).",
  },
  {
    kind: "stateful",
    name: "Streamable HTTP, 2025 revisions, with sessions",
    how: "A POST of <code>initialize</code> opens a session; the server names it in <code>Mcp-Session-Id</code>, which every later request carries. Answers come as JSON or as a short event stream; a GET may open a stream for server messages, and DELETE ends the session.",
    detect: "Next the runner sends <code>initialize</code>: an InitializeResult with an <code>Mcp-Session-Id</code> is a stateful server.",
  },
  {
    kind: "stateless",
    name: "Streamable HTTP, 2025 revisions, without sessions",
    how: "The same POSTs, but the server assigns no session: each request stands alone.",
    detect: "An InitializeResult without <code>Mcp-Session-Id</code> is a stateless 2025 server.",
  },
  {
    kind: "http+sse",
    name: "HTTP+SSE (deprecated, 2024-11-05)",
    how: "A GET opens an event stream whose first event, <code>endpoint</code>, gives the URL to POST JSON-RPC messages to (with a <code>sessionId</code>); each POST gets 202 and its answer arrives on the stream. The Spice, OpenSearch and Celonis dialects are variants of it (Celonis answers in the POST itself).",
    detect: "Last, the runner opens a GET and waits for the <code>endpoint</code> event. A known dialect's path (such as <code>/v1/mcp/sse</code>) is recognised from the URL without probing.",
  },
] as const;

export function renderTransportsPage(checks: readonly Check[]): string {
  const sections = KINDS.map(({ kind, name, how, detect }) => {
    const applying = checks.filter((check) => {
      const transports = transportsOf(check);
      return transports === "all" || transports.includes(kind);
    });
    const items = applying.map((check) => `<li><a href="${checkPagePath(check.id)}"><code>${escapeHtml(check.id)}</code></a> <small>${check.level}</small></li>`).join("");
    return `<section class="transport" id="kind-${kind.replace("+", "-")}"><h2>${name}</h2>
<p>${how}</p><p class="detect">${detect}</p>
<p>${applying.length} checks apply (<code>${escapeHtml(kind)}</code>):</p><ul>${items}</ul></section>`;
  }).join("\n");
  const body = `<h1>Transports and eras</h1>
<p>MCP runs over HTTP in three shapes. <code>mcp-contract check</code> first finds out which one is at the URL, the way the
specification tells clients to, prints each step, and then runs only the checks of that kind. A server that speaks both
Streamable HTTP eras at one URL is dual-era and gets both sets. <code>--transport</code> and <code>--era</code> skip the detection.</p>
${sections}`;
  return pageShell("Transports and eras · mcp-contract", body);
}
