/**
 * The operations of every bundled spec, found by method and concrete path, and what each one's
 * response for a status promises: its media types (with a validator compiled once per schema),
 * whether it has a body at all, and its headers. Everything is read from the bundled OpenAPI
 * documents of @mcp-contract/api-types, so the wire check and the specs cannot drift apart.
 */
import { compileJsonSchema, specs, type SpecName } from "@mcp-contract/api-types";

/** A compiled ajv validator, as api-types compiles them. */
export type ValidateFunction = ReturnType<typeof compileJsonSchema>;

/** An operation of one spec, as a request's method and path select it. */
export interface Operation {
  readonly spec: SpecName;
  readonly method: string;
  readonly template: string;
  readonly operationId: string;
  /** Where the operation sits in its spec, as a JSON pointer. */
  readonly pointer: string;
  readonly responses: Readonly<Record<string, unknown>>;
}

/** What a documented response promises. */
export interface ResponseContract {
  /** The status key it was found under (`200`, `4XX`, `default`). */
  readonly key: string;
  /** JSON pointer of the response object (after its `$ref`), for validators and messages. */
  readonly pointer: string;
  /** Media types (lowercase) to the pointer of their schema, if any. */
  readonly media: ReadonlyMap<string, string | undefined>;
  readonly headers: readonly HeaderContract[];
}

export interface HeaderContract {
  /** Lowercase. */
  readonly name: string;
  readonly required: boolean;
  /** Pointer of the header's schema, if it has one. */
  readonly schema: string | undefined;
}

/** The result of looking a request up: its operation, or why there is none. */
export type Lookup =
  | { readonly kind: "operation"; readonly operation: Operation }
  | {
      readonly kind: "method";
      readonly template: string;
      readonly methods: readonly string[];
      /** Every status any of the path's operations documents. */
      readonly statuses: readonly string[];
    }
  | { readonly kind: "path" };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface PathEntry {
  readonly template: string;
  readonly pattern: RegExp;
  readonly operations: Map<string, Operation>;
}

let index: PathEntry[] | undefined;

/** Every path template of every spec, fixed paths first so `/v1/mcp` never loses to a template. */
function paths(): PathEntry[] {
  if (index) return index;
  const byTemplate = new Map<string, PathEntry>();
  for (const [spec, document] of Object.entries(specs) as [SpecName, (typeof specs)[SpecName]][]) {
    // A spec whose server takes every path with or without a trailing slash says so at its root.
    const slash = (document as { "x-mcp-trailing-slash"?: boolean })["x-mcp-trailing-slash"] === true;
    for (const [template, item] of Object.entries(document.paths)) {
      let entry = byTemplate.get(template);
      if (!entry) {
        entry = { template, pattern: templatePattern(template, slash), operations: new Map() };
        byTemplate.set(template, entry);
      }
      for (const method of METHODS) {
        const operation = item[method] as { operationId?: string; responses?: Record<string, unknown> } | undefined;
        if (!operation?.responses) continue;
        entry.operations.set(method.toUpperCase(), {
          spec,
          method: method.toUpperCase(),
          template,
          operationId: operation.operationId ?? `${method} ${template}`,
          pointer: `/paths/${escapePointer(template)}/${method}`,
          responses: operation.responses,
        });
      }
    }
  }
  index = [...byTemplate.values()].sort((a, b) => Number(a.template.includes("{")) - Number(b.template.includes("{")));
  return index;
}

/** The operation `method` and `pathname` (no query) select, across every spec. */
export function lookUp(method: string, pathname: string): Lookup {
  let known: PathEntry | undefined;
  for (const entry of paths()) {
    if (!entry.pattern.test(pathname)) continue;
    const operation = entry.operations.get(method.toUpperCase());
    if (operation) return { kind: "operation", operation };
    known ??= entry;
  }
  if (!known) return { kind: "path" };
  const operations = [...known.operations.values()];
  return { kind: "method", template: known.template, methods: operations.map((o) => o.method), statuses: [...new Set(operations.flatMap((o) => Object.keys(o.responses)))] };
}

/** The response `operation` documents for `status`: exact, then its range (`4XX`), then `default`. */
export function responseFor(operation: Operation, status: number): ResponseContract | undefined {
  const cacheKey = `${operation.spec}${operation.pointer} ${status}`;
  if (contracts.has(cacheKey)) return contracts.get(cacheKey);
  const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => k in operation.responses);
  let contract: ResponseContract | undefined;
  if (key !== undefined) {
    const { value, pointer } = deref(operation.spec, operation.responses[key], `${operation.pointer}/responses/${key}`);
    const response = value as { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> };
    const media = new Map<string, string | undefined>();
    for (const [type, content] of Object.entries(response.content ?? {})) {
      media.set(type.toLowerCase(), content.schema === undefined ? undefined : `${pointer}/content/${escapePointer(type)}/schema`);
    }
    const headers: HeaderContract[] = [];
    for (const [name, raw] of Object.entries(response.headers ?? {})) {
      const header = deref(operation.spec, raw, `${pointer}/headers/${escapePointer(name)}`);
      const object = header.value as { required?: boolean; schema?: unknown };
      headers.push({ name: name.toLowerCase(), required: object.required === true, schema: object.schema === undefined ? undefined : `${header.pointer}/schema` });
    }
    contract = { key, pointer, media, headers };
  }
  contracts.set(cacheKey, contract);
  return contract;
}

const contracts = new Map<string, ResponseContract | undefined>();
const validators = new Map<string, ValidateFunction>();

/** The validator of the schema at `pointer` in `spec`, compiled on first use and kept. */
export function validatorAt(spec: SpecName, pointer: string): ValidateFunction {
  const id = `${spec}.openapi.json#${pointer}`;
  let validate = validators.get(id);
  if (!validate) {
    validate = compileJsonSchema({ $ref: id });
    validators.set(id, validate);
  }
  return validate;
}

/** The value at `pointer` in `spec`, with every `$ref` on the way (local ones only) followed. */
export function nodeAt(spec: SpecName, pointer: string): { value: unknown; pointer: string } {
  let value: unknown = specs[spec];
  for (const part of pointer.split("/").slice(1)) {
    value = (deref(spec, value, "").value as Record<string, unknown> | undefined)?.[unescapePointer(part)];
  }
  return deref(spec, value, pointer);
}

/** Follows `$ref`s (bundled specs only have local ones) and says where it ended. */
export function deref(spec: SpecName, value: unknown, pointer: string): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#")) break;
    at = ref.slice(1);
    current = specs[spec] as unknown;
    for (const part of at.split("/").slice(1)) current = (current as Record<string, unknown> | undefined)?.[unescapePointer(part)];
  }
  return { value: current, pointer: at };
}

function templatePattern(template: string, trailingSlash: boolean): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}${trailingSlash ? "/?" : ""}$`);
}

function escapePointer(part: string): string {
  return part.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, "/").replace(/~0/g, "~");
}
