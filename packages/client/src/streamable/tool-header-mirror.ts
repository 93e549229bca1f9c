/**
 * `x-mcp-header`: tool parameters a server asks to see mirrored into `Mcp-Param-{Name}` headers.
 * Clients MUST mirror them, and MUST leave out of `tools/list` any tool whose annotations break
 * the rules (so one bad tool does not spoil the rest).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#custom-headers-from-tool-parameters
 */
import { encodeHeaderValue } from "../header-value.js";

type Json = Record<string, unknown>;

interface Annotation {
  readonly header: string;
  readonly path: readonly string[];
}

/** RFC 9110 token: `1*tchar`. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(["string", "integer", "boolean"]);
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The annotations of one input schema, or why they are invalid. */
export function annotationsOf(schema: unknown): { annotations: Annotation[] } | { invalid: string } {
  const annotations: Annotation[] = [];
  const problems: string[] = [];
  const walk = (node: unknown, path: string[], reachable: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, path, false);
      return;
    }
    if (!isObject(node)) return;
    const header = node["x-mcp-header"];
    if (header !== undefined) {
      const at = path.join(".") || "the schema root";
      if (!reachable || path.length === 0) problems.push(`x-mcp-header at ${at} is not reachable through properties alone`);
      else if (typeof header !== "string" || !TOKEN.test(header)) problems.push(`x-mcp-header ${JSON.stringify(header)} at ${at} is not an HTTP token`);
      else if (!PRIMITIVE_TYPES.has(String(node["type"]))) problems.push(`x-mcp-header at ${at} is on a ${String(node["type"] ?? "untyped")} parameter`);
      else annotations.push({ header, path });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && isObject(value)) {
        for (const [name, child] of Object.entries(value)) walk(child, [...path, name], reachable);
      } else if (key !== "x-mcp-header") {
        walk(value, path, false);
      }
    }
  };
  walk(schema, [], true);
  const seen = new Set<string>();
  for (const { header } of annotations) {
    if (seen.has(header.toLowerCase())) problems.push(`x-mcp-header ${header} is used twice`);
    seen.add(header.toLowerCase());
  }
  return problems.length > 0 ? { invalid: problems.join("; ") } : { annotations };
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === "string") return encodeHeaderValue(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** Remembers the annotations of the tools listed, and builds the headers of their calls. */
export class ToolHeaderMirror {
  readonly #byTool = new Map<string, readonly Annotation[]>();
  /** Told of each tool left out, with the reason (the spec asks clients to warn). */
  onRejected: (tool: Json, reason: string) => void = () => {};

  /** Takes a `tools/list` result; returns it without the tools whose annotations are invalid. */
  learn(result: Json): Json {
    const tools = result["tools"];
    if (!Array.isArray(tools)) return result;
    const kept = tools.filter((tool: unknown) => {
      if (!isObject(tool) || typeof tool["name"] !== "string") return true;
      const outcome = annotationsOf(tool["inputSchema"]);
      if ("invalid" in outcome) {
        this.#byTool.delete(tool["name"]);
        this.onRejected(tool, outcome.invalid);
        return false;
      }
      if (outcome.annotations.length > 0) this.#byTool.set(tool["name"], outcome.annotations);
      else this.#byTool.delete(tool["name"]);
      return true;
    });
    return kept.length === tools.length ? result : { ...result, tools: kept };
  }

  /** The `Mcp-Param-*` headers of a `tools/call` with these params; undefined when there are none. */
  headersFor(params: Json | undefined): Headers | undefined {
    const name = params?.["name"];
    const annotations = typeof name === "string" ? this.#byTool.get(name) : undefined;
    if (!annotations) return undefined;
    const headers = new Headers();
    for (const { header, path } of annotations) {
      let value: unknown = params?.["arguments"];
      for (const key of path) value = isObject(value) ? value[key] : undefined;
      const encoded = headerValue(value);
      if (encoded !== undefined) headers.set(`Mcp-Param-${header}`, encoded);
    }
    return headers;
  }
}
