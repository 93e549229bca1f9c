/**
 * A tool's `inputSchema`, read the way a client does: compiled (2020-12 with the shared
 * validator, draft-07 and 2019-09 by their own `$schema`, since SDK servers built on zod emit
 * draft-07), and used to build arguments a correct server must accept.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool
 */
import { compileJsonSchema, type Tool } from "@mcp-contract/api-types";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";

let draft07: Ajv | undefined;
let draft2019: Ajv2019 | undefined;

/** Compiles a schema by its `$schema`; resolves the validator or the compiler's complaint. */
export function compileToolSchema(schema: unknown): { validate: ValidateFunction } | { problem: string } {
  if (typeof schema !== "object" || schema === null) return { problem: "inputSchema is not an object" };
  const dialect = String((schema as { $schema?: unknown }).$schema ?? "");
  try {
    if (/draft-0[467]/.test(dialect)) {
      draft07 ??= new Ajv({ strict: false, allErrors: true, validateFormats: false });
      return { validate: draft07.compile(stripDialect(schema)) };
    }
    if (dialect.includes("2019-09")) {
      draft2019 ??= new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
      return { validate: draft2019.compile(schema) };
    }
    return { validate: compileJsonSchema(schema) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Draft-04/06 `$schema` URIs are not registered in ajv's default instance; their keywords mostly are. */
function stripDialect(schema: object): object {
  const { $schema, ...rest } = schema as { $schema?: string };
  return $schema?.includes("draft-07") ? schema : rest;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonSchema;
  pattern?: string;
  format?: string;
};

/** A value for `schema` made of its required parts only, or undefined when none can be made. */
export function exampleValue(schema: JsonSchema | undefined, depth = 0): { value: unknown } | undefined {
  if (!schema || depth > 4) return undefined;
  if ("const" in schema) return { value: schema.const };
  if (schema.enum && schema.enum.length > 0) return { value: schema.enum[0] };
  if (schema.default !== undefined) return { value: schema.default };
  if (schema.examples && schema.examples.length > 0) return { value: schema.examples[0] };
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.pattern || schema.format) return undefined;
      return { value: "mcp-contract".padEnd(schema.minLength ?? 0, "x") };
    case "integer":
      return { value: Math.max(1, Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? 0) + (schema.exclusiveMinimum !== undefined ? 1 : 0)) };
    case "number":
      return { value: Math.max(1, (schema.minimum ?? 0) + (schema.exclusiveMinimum !== undefined ? 1 : 0)) };
    case "boolean":
      return { value: true };
    case "null":
      return { value: null };
    case "array": {
      if (!schema.minItems) return { value: [] };
      const item = exampleValue(schema.items, depth + 1);
      return item ? { value: Array.from({ length: schema.minItems }, () => item.value) } : undefined;
    }
    case "object":
    case undefined: {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        const part = exampleValue(schema.properties?.[name], depth + 1);
        if (!part) return undefined;
        value[name] = part.value;
      }
      return { value };
    }
    default:
      return undefined;
  }
}

/** A tool with arguments built from its schema that its own schema accepts. */
export interface CallableTool {
  readonly tool: Tool;
  readonly args: Record<string, unknown>;
}

/**
 * The discovered tools for which valid arguments can be built, safest first (declared read-only,
 * then unannotated, then declared destructive: the runner may be pointed at a production server),
 * then simplest schema (fewest required properties), skipping names in `avoid` (`throw` provokes
 * errors on purpose).
 */
export function callableTools(tools: readonly Tool[], avoid: readonly string[] = ["throw"]): CallableTool[] {
  const risk = (tool: Tool): number => (tool.annotations?.readOnlyHint === true ? 0 : tool.annotations?.destructiveHint === true ? 2 : 1);
  return tools
    .filter((tool) => !avoid.includes(tool.name))
    .map((tool) => ({ tool, risk: risk(tool), required: (tool.inputSchema.required ?? []).length }))
    .sort((a, b) => a.risk - b.risk || a.required - b.required)
    .flatMap(({ tool }) => {
      const args = argumentsFor(tool);
      return args ? [{ tool, args }] : [];
    });
}

/** The callable tool with the simplest schema, or undefined. */
export function simplestCallableTool(tools: readonly Tool[], avoid: readonly string[] = ["throw"]): CallableTool | undefined {
  return callableTools(tools, avoid)[0];
}

/** Arguments for `tool` that its compiled schema accepts, or undefined. */
export function argumentsFor(tool: Tool): Record<string, unknown> | undefined {
  const built = exampleValue(tool.inputSchema as JsonSchema);
  if (!built || typeof built.value !== "object" || built.value === null) return undefined;
  const compiled = compileToolSchema(tool.inputSchema);
  if ("problem" in compiled || !compiled.validate(built.value)) return undefined;
  return built.value as Record<string, unknown>;
}

/**
 * For a tool with a required property of a simple type, valid arguments except that one property
 * has a value of the wrong type (a number for a string, a string for a number or boolean).
 */
export function wronglyTypedCall(tools: readonly Tool[]): (CallableTool & { property: string; expected: string }) | undefined {
  for (const tool of tools) {
    if (tool.name === "throw") continue;
    const schema = tool.inputSchema as JsonSchema;
    const args = argumentsFor(tool);
    if (!args) continue;
    for (const property of schema.required ?? []) {
      const type = schema.properties?.[property]?.type;
      const wrong = type === "string" ? 12345 : type === "number" || type === "integer" || type === "boolean" ? `not-a-${type}` : undefined;
      if (wrong === undefined) continue;
      return { tool, args: { ...args, [property]: wrong }, property, expected: String(type) };
    }
  }
  return undefined;
}
