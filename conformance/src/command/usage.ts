/** The CLI's help text; the one place the flags are documented for users. */
export const USAGE = `Usage: mcp-contract check <url> [options]
       mcp-contract baseline <url> [options] [--write <file>]
       mcp-contract lint-spec <openapi-file>...
       mcp-contract list

Checks an MCP endpoint over HTTP: it first finds out what is at the URL (a 2026-07-28 Streamable
HTTP server, a 2025 one, a dual-era one, or an HTTP+SSE stream whose GET opens the event stream),
then runs the checks of that transport, JSON-RPC 2.0 and the Spice / OpenSearch / Celonis dialects.

Options:
  --transport auto|http+sse|streamable-http   the transport to check (default auto: detected the
                             way the spec tells clients to: a modern server/discover, then
                             initialize, then the HTTP+SSE endpoint event; a Spice, OpenSearch or
                             Celonis stream path is HTTP+SSE once one GET of it answers an event
                             stream; the steps are printed)
  --era auto|legacy|modern   the Streamable HTTP era to check (legacy = 2025-03-26..2025-11-25,
                             modern = 2026-07-28); a dual-era server gets both unless one is given
  --profile auto|spice|opensearch|celonis   dialect (default auto: from the URL path, then the endpoint event; Streamable HTTP: /v1/mcp Spice, /_plugins/_ml/mcp OpenSearch)
  --header 'Name: value'     send a header with every request (repeatable); credential headers
                             (Authorization, X-API-Key, *key*, *token*, *secret*, *auth*) are redacted
                             in reports and checked by security-auth-enforced (HTTP+SSE),
                             streamable-auth-enforced (Streamable HTTP) and, for an X-API-Key
                             on Spice's /v1/mcp, spice-mcp-api-key
  --bearer <token>           same as --header 'Authorization: Bearer <token>'
  --registry-token <token>   the registry's operator credential (the server's --admin-token), sent as
                             a Bearer token on registry calls only; without it, calls a registry
                             refuses with 401 leave those checks "not verified"
  --tool <name>              the tool the tool-call checks may call (default: only a tool annotated
                             readOnlyHint: true and not destructive; with none, they are "not verified")
  --tool-args <json>         its arguments, a JSON object (default: built from its inputSchema)
  --capability-tool <name>   a tool that needs a client capability (e.g. elicitation): called without
                             it for modern-missing-client-capability (400 + -32021); with --tool of the
                             same name, --tool-args are its arguments; without it, "not verified"
  --registry <base-url>      also check the MCP server registry (/v1/mcp-servers) at this base URL;
                             the registry checks create, and then delete, probe servers of their own
  --only <id|group>          run only these checks or groups (repeatable, or comma-separated);
                             the checks they require run too
  --skip <id|group>          leave these out (repeatable, or comma-separated)
  --timeout <ms>             bound on every single wait (default 5000)
  --deadline <ms>            bound on the whole run (default 120000)
  --keepalive-wait <ms>      enable sse-keepalive: how long an idle stream may stay silent
  --rate-limit <n>           enable celonis-rate-limit-shape: the asset's calls per minute
  --reporter pretty|json|junit|sarif|markdown|html   output format (repeatable or comma-
                             separated; default pretty); markdown: a summary for PR comments and
                             GitHub job summaries (failures first, evidence in <details>, under
                             1 MiB); html: one self-contained page with every finding's evidence
  --output <file>            where the report reporters (json, junit, sarif, markdown, html) write:
                             give one --output per reporter, in order; or one --output for several,
                             written as <file>.json, .xml, .sarif, .md and .html. Without
                             --output a single one writes to stdout and pretty moves to stderr. The
                             one-line verdict is printed whatever reporters are chosen.
  --strict                   SHOULD-level failures (warnings) fail the run too
  --baseline <file>          expected failures (JSON: {"expectedFailures": [{"id", "reason",
                             "profiles"?}]}): listed failures do not fail the run; a listed check
                             that passes does (remove the stale entry)
  --sarif-location <file>    the file of your repository SARIF results are placed in, as GitHub
                             code scanning requires (your workflow, OpenAPI spec or baseline; at
                             the line naming the check); default: the --baseline file, else the
                             running GitHub Actions workflow (GITHUB_WORKFLOW_REF)
  --write <file>             (baseline) where to write the current failures as a starting
                             baseline (default stdout); with --baseline, kept entries keep their reason
  --help, --version

lint-spec checks an OpenAPI description of an MCP endpoint: each message POST (marked
x-mcp-message: true, taking a sessionId query parameter or a Streamable HTTP header, or with a
JSON-RPC request body) must declare a JSON request body and a JSON-RPC error body. HTTP+SSE: 202,
404, 413 (and 400 when it takes a sessionId), and an SSE GET should be described. Streamable HTTP
(era from its headers: Mcp-Method/Mcp-Name modern, Mcp-Session-Id sessions, both dual-era): 200,
202 with no body, 400, 403, 404 (sessions, modern), 413 (warning), its era's headers and the
2026-07-28 error codes, GET a stream or 405; x-mcp-deviations lists statuses left out on purpose.
Exit 0 no errors, 1 errors.

Exit codes: 0 every check passed (or was skipped with a reason, or is an expected failure), 1 a
check failed (or, with --strict, warned; or a baseline entry is stale), 2 usage or configuration
error (one line saying how to fix it), 3 could not run (one root cause, such as a closed port, a 401
or a URL that is not MCP, kept every check from running; it is printed with the detection's steps
and what to try next, and the reports asked for are still written).`;
