/**
 * What a described Streamable HTTP POST must declare in its era: the statuses (200 with JSON or
 * an SSE stream, 202 with no body, 400, 403 for a bad Origin, 404 where a session or a removed
 * method can be met, 413 as a SHOULD), the headers, the 2026-07-28 error codes, and GET / DELETE
 * answered with a stream or 405. A status the operation knowingly leaves out can be listed, with
 * the reason, in `x-mcp-deviations: {"400": "why"}`: it is then reported, not failed.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import type { LintProblem } from "./lint-spec.js";
import { deref, type Json } from "./spec-walk.js";
import { headerNames, type StreamableEra } from "./streamable-era.js";

type Severity = LintProblem["severity"];

interface StatusRule {
  readonly status: string;
  readonly severity: Severity;
  /** Why, per era; an era missing here does not need the status. */
  readonly why: Partial<Record<StreamableEra, string>>;
}

const HEADER_400 = "a request whose MCP-Protocol-Version, Mcp-Method or Mcp-Name is missing or differs from the body is answered 400 with -32020, an unserved revision 400 with -32022";
const SESSION_400 = "a request without its Mcp-Session-Id, or with an invalid or unsupported MCP-Protocol-Version, is answered 400";
const METHOD_404 = "a method 2026-07-28 does not have (initialize, ping, logging/setLevel, resources/subscribe) is answered 404 with -32601";
const SESSION_404 = "a request for an unknown or ended session is answered 404 (the client then initializes again)";
const ALL = (why: string): Record<StreamableEra, string> => ({ modern: why, "dual-era": why, stateful: why, stateless: why });

const STATUS_RULES: readonly StatusRule[] = [
  { status: "202", severity: "error", why: ALL("an accepted notification or response is answered 202 with no body") },
  {
    status: "400",
    severity: "error",
    why: {
      modern: HEADER_400,
      "dual-era": `${HEADER_400}; ${SESSION_400}`,
      stateful: SESSION_400,
      stateless: "a request with an invalid or unsupported MCP-Protocol-Version is answered 400 (2025-06-18 and later)",
    },
  },
  { status: "403", severity: "error", why: ALL("a request whose Origin header is present and invalid is answered 403 (2025-11-25 and 2026-07-28)") },
  { status: "404", severity: "error", why: { modern: METHOD_404, "dual-era": `${METHOD_404}; ${SESSION_404}`, stateful: SESSION_404 } },
  {
    status: "413",
    severity: "warning",
    why: ALL("a body over the server's limit should be answered 413, decided before the body is read (no MCP revision names the status, so this is a SHOULD)"),
  },
];

/** The JSON-RPC codes a 2026-07-28 server's HTTP errors carry, and when. */
const MODERN_CODES: readonly [number, string][] = [
  [-32020, "HeaderMismatch: 400 for a missing or mismatched MCP-Protocol-Version, Mcp-Method or Mcp-Name"],
  [-32022, "UnsupportedProtocolVersion: 400 for a revision the server does not serve, with data.supported and data.requested"],
  [-32601, "Method not found: 404 for a method 2026-07-28 does not have"],
  [-32602, "Invalid params: 400 for a request without its _meta protocolVersion or clientCapabilities"],
];

/** Judges one Streamable HTTP POST (and its path's GET and DELETE) in `era`. */
export function lintStreamablePost(doc: Json, file: string, at: string, item: Json, post: Json, era: StreamableEra): { problems: LintProblem[]; deviations: string[] } {
  const problems: LintProblem[] = [];
  const report = (severity: Severity, where: string, message: string): void => void problems.push({ file, pointer: where, severity, message });
  const responses = deref(doc, post["responses"]) ?? {};
  const declaredDeviations = (deref(doc, post["x-mcp-deviations"]) ?? {}) as Record<string, unknown>;
  const deviations: string[] = [];

  const answer = deref(doc, responses["200"]);
  const answerTypes = Object.keys((deref(doc, answer?.["content"]) ?? {}) as Json);
  if (!answerTypes.some((type) => /^(application\/json|text\/event-stream)\b/i.test(type))) {
    report("error", `${at}/responses`, "does not declare 200 with application/json or text/event-stream content: a request is answered with one JSON object or an SSE stream ending with the response");
  }
  for (const rule of STATUS_RULES) {
    const why = rule.why[era];
    if (why === undefined || rule.status in responses) continue;
    const reason = declaredDeviations[rule.status];
    if (typeof reason === "string") deviations.push(`${rule.status} (${reason})`);
    else report(rule.severity, `${at}/responses`, `does not declare ${rule.status}: ${why}`);
  }
  const accepted = deref(doc, responses["202"]);
  if (accepted && Object.keys((deref(doc, accepted["content"]) ?? {}) as Json).length > 0) {
    report("error", `${at}/responses/202`, "declares content: an accepted notification or response is answered 202 with no body");
  }

  const headers = headerNames(doc, item, post);
  const modern = era === "modern" || era === "dual-era";
  if (modern) {
    for (const [name, why] of [
      ["MCP-Protocol-Version", "every 2026-07-28 POST carries it, equal to _meta's protocolVersion"],
      ["Mcp-Method", "every 2026-07-28 request carries it, equal to the body's method"],
      ["Mcp-Name", "2026-07-28 tools/call, resources/read and prompts/get carry it, equal to params.name or params.uri"],
    ] as const) {
      if (!headers.has(name.toLowerCase())) report("error", `${at}/parameters`, `takes no ${name} header: ${why}`);
    }
    const codes = errorCodesIn(doc);
    for (const [code, why] of MODERN_CODES) {
      if (!codes.has(code)) report("error", `${at}/responses`, `describes no JSON-RPC error code ${code} (${why}): give an error body's code that value as a const, enum or example`);
    }
  } else if (!headers.has("mcp-protocol-version")) {
    report("warning", `${at}/parameters`, "takes no MCP-Protocol-Version header: 2025-06-18 and later clients send it on every request after initialize (an invalid one is answered 400)");
  }
  if ((era === "stateful" || era === "dual-era") && !Object.values(responses).some((response) => hasHeader(doc, response, "mcp-session-id"))) {
    report("warning", `${at}/responses`, "no response declares the Mcp-Session-Id header: the answer to initialize carries the new session's id");
  }
  problems.push(...lintOtherMethods(doc, file, at.replace(/\/post$/, ""), item, era));
  return { problems, deviations };
}

/** GET answers a stream or 405; a 2026-07-28-only server answers GET and DELETE 405. */
function lintOtherMethods(doc: Json, file: string, at: string, item: Json, era: StreamableEra): LintProblem[] {
  const problems: LintProblem[] = [];
  const get = deref(doc, item["get"]);
  if (get) {
    const responses = deref(doc, get["responses"]) ?? {};
    const stream = "text/event-stream" in ((deref(doc, deref(doc, responses["200"])?.["content"]) ?? {}) as Json);
    if (!stream && !("405" in responses)) {
      problems.push({ file, pointer: `${at}/get/responses`, severity: "error", message: "declares neither 200 text/event-stream nor 405: a Streamable HTTP server answers GET with an SSE stream or 405 Method Not Allowed" });
    } else if (era === "modern" && !("405" in responses)) {
      problems.push({ file, pointer: `${at}/get/responses`, severity: "warning", message: "does not declare 405: a 2026-07-28-only server has no GET stream and answers GET 405" });
    }
  }
  const del = deref(doc, item["delete"]);
  if (del && era === "modern" && !("405" in (deref(doc, del["responses"]) ?? {}))) {
    problems.push({ file, pointer: `${at}/delete/responses`, severity: "warning", message: "does not declare 405: a 2026-07-28-only server has no sessions and answers DELETE 405" });
  }
  return problems;
}

function hasHeader(doc: Json, response: unknown, name: string): boolean {
  return Object.keys((deref(doc, deref(doc, response)?.["headers"]) ?? {}) as Json).some((header) => header.toLowerCase() === name);
}

/** Every number the document gives a `code` (a value, or a const, enum or example of its schema). */
export function errorCodesIn(doc: Json): Set<number> {
  const codes = new Set<number>();
  let budget = 200_000;
  const collect = (value: unknown): void => {
    if (typeof value === "number") codes.add(value);
    else if (Array.isArray(value)) for (const item of value) collect(item);
  };
  const visit = (node: unknown, key: string | undefined, depth: number): void => {
    if (depth > 64 || budget-- <= 0) return;
    if (key === "code") {
      collect(node);
      const schema = deref(doc, node);
      if (schema) for (const field of ["const", "enum", "example", "examples", "default"]) collect(schema[field]);
    }
    if (typeof node !== "object" || node === null) return;
    for (const [childKey, child] of Object.entries(node)) visit(child, Array.isArray(node) ? key : childKey, depth + 1);
  };
  visit(doc, undefined, 0);
  return codes;
}
