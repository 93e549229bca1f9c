/**
 * Reading a bundled OpenAPI document: local `$ref`s followed (bounded, cycle-safe), JSON pointers
 * built the way linters print them, and the shape tests lint-spec needs (does a schema describe a
 * JSON-RPC error object, does it carry a `jsonrpc` property).
 */

export type Json = Record<string, unknown>;

/** How many `$ref` hops or nested schemas are followed before giving up (cycles, huge specs). */
const MAX_DEPTH = 32;

/** The node itself, or what its local `$ref` chain points to (undefined when dangling or remote). */
export function deref(doc: Json, node: unknown): Json | undefined {
  let current = node;
  for (let hops = 0; hops < MAX_DEPTH; hops += 1) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    const ref = (current as Json)["$ref"];
    if (typeof ref !== "string") return current as Json;
    if (!ref.startsWith("#/")) return undefined;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, part) => (at as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return undefined;
}

/** A JSON pointer (`#/paths/~1v1~1mcp~1sse/post`) from its unescaped segments. */
export function pointer(...segments: readonly string[]): string {
  return `#/${segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/** True when some branch of the schema (through allOf/oneOf/anyOf and refs) satisfies `test`. */
export function someBranch(doc: Json, schema: unknown, test: (properties: Json, schema: Json) => boolean, depth = 0): boolean {
  const node = deref(doc, schema);
  if (!node || depth > MAX_DEPTH) return false;
  const merged = mergedProperties(doc, node, depth);
  if (test(merged, node)) return true;
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = node[key];
    if (Array.isArray(branches) && branches.some((branch) => someBranch(doc, branch, test, depth + 1))) return true;
  }
  return false;
}

/** A JSON-RPC error response: an object with jsonrpc, id and error {code: integer, message: string}. */
export function isJsonRpcErrorSchema(doc: Json, schema: unknown): boolean {
  return someBranch(doc, schema, (properties) => {
    if (!("jsonrpc" in properties) || !("id" in properties) || !("error" in properties)) return false;
    return someBranch(doc, properties["error"], (error) => hasType(doc, error["code"], "integer") && hasType(doc, error["message"], "string"));
  });
}

/** A JSON-RPC message (or a choice of them): some branch has a `jsonrpc` property. */
export function hasJsonRpcProperty(doc: Json, schema: unknown): boolean {
  return someBranch(doc, schema, (properties) => "jsonrpc" in properties) || someBranch(doc, deref(doc, schema)?.["items"], (properties) => "jsonrpc" in properties);
}

/** The properties of the schema and of everything it allOf-includes. */
function mergedProperties(doc: Json, node: Json, depth: number): Json {
  let properties: Json = { ...((node["properties"] as Json | undefined) ?? {}) };
  if (Array.isArray(node["allOf"]) && depth < MAX_DEPTH) {
    for (const part of node["allOf"]) {
      const resolved = deref(doc, part);
      if (resolved) properties = { ...mergedProperties(doc, resolved, depth + 1), ...properties };
    }
  }
  return properties;
}

/** The schema's type is (or, as an array of types, includes) `type`, or an allOf part says so. */
function hasType(doc: Json, schema: unknown, type: string, depth = 0): boolean {
  const node = deref(doc, schema);
  if (!node || depth > MAX_DEPTH) return false;
  const declared = node["type"];
  if (declared === type || (Array.isArray(declared) && declared.includes(type))) return true;
  return Array.isArray(node["allOf"]) && node["allOf"].some((part) => hasType(doc, part, type, depth + 1));
}
