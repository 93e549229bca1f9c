/** The CLI reference: the runner's own help text (what `mcp-contract --help` prints), and its commands. */
import { REPORT_SCHEMA_VERSION, USAGE } from "@mcp-contract/conformance";
import { escapeHtml } from "./html.js";
import { pageShell } from "./page-shell.js";

export function renderCliPage(): string {
  const body = `<h1>The <code>mcp-contract</code> CLI</h1>
<p>Install it with <code>npm install --save-dev @mcp-contract/conformance</code> and run it with <code>npx mcp-contract</code>.
Every option, the exit codes and the commands, exactly as <code>npx mcp-contract --help</code> prints them:</p>
<pre id="usage">${escapeHtml(USAGE)}</pre>
<p>Each check the runner knows has its own page, listed on <a href="index.html#checks">the index</a>.</p>
<h2>The JSON report</h2>
<p id="json-report"><code>--reporter json</code> writes the run as one document described by <code>report.schema.json</code>
(JSON Schema 2020-12, shipped in the package), <code>schemaVersion</code> ${REPORT_SCHEMA_VERSION}. Check
<code>schemaVersion</code> before reading the rest: adding an optional field keeps it, anything else bumps it.
Version 2 added the statuses <code>not-verified</code>, <code>observation</code> and <code>deviation</code> (none of them
a pass or a failure), the level <code>INFO</code> and the outcome <code>could-not-run</code>; the schema's description
lists every change from 1.</p>`;
  return pageShell("mcp-contract CLI reference", body);
}
