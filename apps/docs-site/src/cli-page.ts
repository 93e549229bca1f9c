/** The CLI reference: the runner's own help text (what `mcp-contract --help` prints), and its commands. */
import { USAGE } from "@mcp-contract/conformance";
import { escapeHtml } from "./html.js";
import { pageShell } from "./page-shell.js";

export function renderCliPage(): string {
  const body = `<h1>The <code>mcp-contract</code> CLI</h1>
<p>Install it with <code>npm install --save-dev @mcp-contract/conformance</code> and run it with <code>npx mcp-contract</code>.
Every option, the exit codes and the commands, exactly as <code>npx mcp-contract --help</code> prints them:</p>
<pre id="usage">${escapeHtml(USAGE)}</pre>
<p>Each check the runner knows has its own page, listed on <a href="index.html#checks">the index</a>.</p>`;
  return pageShell("mcp-contract CLI reference", body);
}
