/**
 * `mcp-contract lint-spec`: checks a user's OpenAPI description of an MCP endpoint declares what
 * its transport answers. It finds the message POSTs (marked `x-mcp-message: true`, taking a
 * `sessionId` query parameter or the Streamable HTTP headers, or with a JSON-RPC request body) and
 * the SSE GETs (a `text/event-stream` response). Of each message POST it requires a JSON request
 * body and a JSON-RPC error body schema; an HTTP+SSE one (no Streamable HTTP header) 202, 404 and
 * 413, and 400 when it takes a sessionId; a Streamable HTTP one what its era requires
 * (streamable-rules.ts), and the era is named.
 * @see ../../../openapi/message.yaml (the HTTP+SSE statuses, and why each exists)
 * @see ../../../openapi/streamable.yaml (the Streamable HTTP ones)
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { bundle, loadConfig, parseYaml } from "@redocly/openapi-core";
import { deref, hasJsonRpcProperty, isJsonRpcErrorSchema, pointer, type Json } from "./spec-walk.js";
import { asArray, ERA_LABEL, streamableEra } from "./streamable-era.js";
import { lintStreamablePost } from "./streamable-rules.js";

export interface LintProblem {
  readonly file: string;
  /** Where in the (bundled) document: a JSON pointer. */
  readonly pointer: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** An operation lint-spec recognised and judged. */
export interface LintedOperation {
  readonly file: string;
  readonly pointer: string;
  readonly kind: "message" | "sse";
  /** `POST /v1/mcp/sse (postSpiceMessage)`. */
  readonly label: string;
  /** Why it counts as a message POST. */
  readonly why?: string;
  /** The Streamable HTTP era a message POST describes (none for HTTP+SSE). */
  readonly era?: string;
  /** Statuses it leaves out on purpose (`x-mcp-deviations`), with their reasons. */
  readonly deviations?: readonly string[];
}

export interface LintResult {
  readonly problems: readonly LintProblem[];
  readonly operations: readonly LintedOperation[];
}

/** The statuses a message POST declares, and why; 400 only where a sessionId can be missing. */
const REQUIRED: readonly { status: string; sessionOnly: boolean; why: string }[] = [
  { status: "202", sessionOnly: false, why: "an accepted message (or notification) is answered 202, its reply going to the SSE stream" },
  { status: "400", sessionOnly: true, why: "a POST without its sessionId query parameter is answered 400" },
  { status: "404", sessionOnly: false, why: "a POST for an unknown or closed session (or asset) is answered 404" },
  { status: "413", sessionOnly: false, why: "a message over the size limit (4 MiB in the MCP dialects) is answered 413" },
];
const MARK_HINT = 'mark the POST that receives JSON-RPC messages with "x-mcp-message: true", or give it a required sessionId query parameter';

function notOpenApi(file: string): string {
  return `lint-spec: ${file} is not an OpenAPI 3.x document (no "openapi: 3.x" at its root): give the OpenAPI description of your MCP endpoint`;
}

/** False only for text that parses as YAML/JSON but has no `openapi: 3.x` at its root; unparsable text is left to the bundler. */
function looksLikeOpenApi3(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    return true;
  }
  const version = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>)["openapi"] : undefined;
  return typeof version === "string" && version.startsWith("3.");
}

/** Bundles and lints each file; a file that cannot be read at all is a usage error. */
export async function lintSpecFiles(files: readonly string[]): Promise<LintResult | { readonly usageError: string }> {
  const config = await loadConfig();
  const problems: LintProblem[] = [];
  const operations: LintedOperation[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      return { usageError: `lint-spec: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
    // A file that parses but is not an OpenAPI 3.x document is the wrong file (usage, exit 2), not a
    // broken spec: the bundler would only say "Unsupported specification". Syntax errors stay lint errors.
    if (!looksLikeOpenApi3(text)) return { usageError: notOpenApi(file) };
    let document: Json;
    try {
      const bundled = await bundle({ ref: resolve(file), config, dereference: false });
      document = bundled.bundle.parsed as Json;
      for (const problem of bundled.problems) {
        const at = problem.location[0];
        problems.push({ file: at?.source.absoluteRef ?? file, pointer: at?.pointer ?? "#/", severity: problem.severity === "error" ? "error" : "warning", message: problem.message });
      }
    } catch (error) {
      problems.push({ file, pointer: "#/", severity: "error", message: `cannot be parsed: ${(error as Error).message}` });
      continue;
    }
    if (typeof document?.["openapi"] !== "string" || !document["openapi"].startsWith("3.")) {
      return { usageError: notOpenApi(file) };
    }
    const linted = lintDocument(document, file);
    problems.push(...linted.problems);
    operations.push(...linted.operations);
  }
  if (files.length > 0 && !operations.some((op) => op.kind === "message")) {
    problems.push({ file: files[0] ?? "", pointer: "#/paths", severity: "error", message: `no MCP message POST found: ${MARK_HINT}` });
  }
  // An HTTP+SSE client opens the GET stream first; a Streamable HTTP one needs no GET at all.
  const sseMessages = operations.some((op) => op.kind === "message" && op.era === undefined);
  if (sseMessages && !operations.some((op) => op.kind === "sse")) {
    problems.push({ file: files[0] ?? "", pointer: "#/paths", severity: "warning", message: "no SSE GET found (a GET whose 200 response has text/event-stream content): the stream a client opens first is undocumented" });
  }
  return { problems, operations };
}

/** Lints one bundled document: finds its message POSTs and SSE GETs and judges the POSTs. */
export function lintDocument(doc: Json, file: string): LintResult {
  const problems: LintProblem[] = [];
  const operations: LintedOperation[] = [];
  for (const [path, rawItem] of Object.entries((doc["paths"] as Json | undefined) ?? {})) {
    const item = deref(doc, rawItem);
    if (!item) continue;
    const get = deref(doc, item["get"]);
    if (get && isSseGet(doc, get)) operations.push({ file, pointer: pointer("paths", path, "get"), kind: "sse", label: label("GET", path, get) });
    const post = deref(doc, item["post"]);
    if (!post) continue;
    const why = messageReason(doc, item, post);
    if (!why) continue;
    const at = pointer("paths", path, "post");
    const era = streamableEra(doc, item, post);
    problems.push(...lintMessagePost(doc, file, at, item, post, era === undefined));
    if (era === undefined) {
      operations.push({ file, pointer: at, kind: "message", label: label("POST", path, post), why });
      continue;
    }
    const streamable = lintStreamablePost(doc, file, at, item, post, era);
    problems.push(...streamable.problems);
    operations.push({ file, pointer: at, kind: "message", label: label("POST", path, post), why, era: ERA_LABEL[era], ...(streamable.deviations.length > 0 && { deviations: streamable.deviations }) });
  }
  return { problems, operations };
}

/** What every message POST needs; with `sseStatuses`, the HTTP+SSE statuses too. */
function lintMessagePost(doc: Json, file: string, at: string, item: Json, post: Json, sseStatuses: boolean): LintProblem[] {
  const problems: LintProblem[] = [];
  const error = (where: string, message: string): void => void problems.push({ file, pointer: where, severity: "error", message });
  if (!jsonBodySchema(doc, post)) error(`${at}/requestBody`, "declares no application/json request body: the JSON-RPC message (or batch) it receives");
  const responses = deref(doc, post["responses"]) ?? {};
  const session = takesSessionId(doc, item, post);
  for (const required of sseStatuses ? REQUIRED : []) {
    if (required.sessionOnly && !session) continue;
    if (!(required.status in responses)) error(`${at}/responses`, `does not declare ${required.status}: ${required.why}`);
  }
  const hasErrorBody = Object.values(responses).some((response) => jsonSchemas(doc, response).some((schema) => isJsonRpcErrorSchema(doc, schema)));
  const components = Object.values(((doc["components"] as Json | undefined)?.["schemas"] as Json | undefined) ?? {});
  if (!hasErrorBody && !components.some((schema) => isJsonRpcErrorSchema(doc, schema))) {
    error(`${at}/responses`, "no response (and no component schema) declares a JSON-RPC error body: an object with jsonrpc, id and error {code: integer, message: string}; give the 4xx responses that schema");
  }
  return problems;
}

/** Why the POST counts as an MCP message endpoint, or undefined when it does not. */
function messageReason(doc: Json, item: Json, post: Json): string | undefined {
  const mark = post["x-mcp-message"];
  if (mark === false) return undefined;
  if (mark === true) return "marked x-mcp-message: true";
  if (takesSessionId(doc, item, post)) return "takes a sessionId query parameter";
  if (streamableEra(doc, item, post)) return "takes the Streamable HTTP headers";
  const body = jsonBodySchema(doc, post);
  return body && hasJsonRpcProperty(doc, body) ? "its application/json request body is a JSON-RPC message" : undefined;
}

function takesSessionId(doc: Json, item: Json, post: Json): boolean {
  const parameters = [...asArray(item["parameters"]), ...asArray(post["parameters"])];
  return parameters.some((parameter) => {
    const resolved = deref(doc, parameter);
    return resolved?.["in"] === "query" && resolved["name"] === "sessionId";
  });
}

/** The schema of the POST's JSON request body (`{}` when the media type has no schema). */
function jsonBodySchema(doc: Json, post: Json): Json | undefined {
  const content = (deref(doc, post["requestBody"])?.["content"] as Json | undefined) ?? {};
  const type = Object.keys(content).find(isJsonType);
  return type === undefined ? undefined : ((content[type] as Json | undefined)?.["schema"] as Json | undefined) ?? {};
}

/** The schemas of a response's JSON media types. */
function jsonSchemas(doc: Json, response: unknown): unknown[] {
  const content = (deref(doc, response)?.["content"] as Json | undefined) ?? {};
  return Object.entries(content).filter(([type]) => isJsonType(type)).map(([, media]) => (media as Json | undefined)?.["schema"]);
}

function isSseGet(doc: Json, get: Json): boolean {
  return Object.values(deref(doc, get["responses"]) ?? {}).some((response) => "text/event-stream" in ((deref(doc, response)?.["content"] as Json | undefined) ?? {}));
}

function isJsonType(type: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type);
}

function label(method: string, path: string, op: Json): string {
  return `${method} ${path}${typeof op["operationId"] === "string" ? ` (${op["operationId"]})` : ""}`;
}
