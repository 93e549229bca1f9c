/**
 * The registry's operations as the bundled registry spec declares them: path, method, documented
 * statuses, and each documented response's body schema. Responses are judged against exactly
 * that, so the checks follow the contract rather than a copy of it.
 * @see ../../../openapi/registry.yaml
 */
import { registrySpec, validateAgainst } from "@mcp-contract/api-types";

/** The operationIds the registry checks call. */
export type RegistryOperationId =
  | "createMcpServer"
  | "listMcpServers"
  | "retrieveMcpServer"
  | "updateMcpServer"
  | "deleteMcpServer"
  | "refreshMcpServerTools"
  | "listMcpServerTools";

/** What a documented response's JSON body must be: nothing, one named schema, or an array of one. */
type BodySchema = { readonly kind: "none" } | { readonly kind: "named" | "array"; readonly name: string };

export interface RegistryOperation {
  readonly id: RegistryOperationId;
  readonly method: string;
  /** The path template, e.g. `/v1/mcp-servers/{mcp_server_id}`. */
  readonly path: string;
  /** Documented status → its body schema. */
  readonly responses: ReadonlyMap<string, BodySchema>;
}

type Json = Record<string, unknown>;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** The operation the spec declares under this operationId. */
export function registryOperation(id: RegistryOperationId): RegistryOperation {
  for (const [path, item] of Object.entries(registrySpec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const operation = op as Json;
      if (operation["operationId"] !== id) continue;
      const responses = new Map<string, BodySchema>();
      for (const [status, response] of Object.entries((operation["responses"] ?? {}) as Json)) responses.set(status, bodySchemaOf(response as Json));
      return { id, method: method.toUpperCase(), path, responses };
    }
  }
  throw new Error(`the bundled registry spec has no operation ${id}`);
}

/**
 * What is wrong with a response to `operation`, by the spec: an undocumented status, a body that
 * is not JSON where JSON is documented, or one that breaks the documented schema. Undefined when
 * the response is as documented.
 */
export function judgeResponse(operation: RegistryOperation, status: number, contentType: string | undefined, body: Buffer): string | undefined {
  const schema = operation.responses.get(String(status)) ?? operation.responses.get(`${String(status)[0]}XX`);
  if (!schema) return `${status} is not a documented status of ${operation.id} (documented: ${[...operation.responses.keys()].join(", ")})`;
  if (schema.kind === "none") return undefined;
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "")) {
    return `${status} of ${operation.id} has Content-Type ${contentType ?? "(none)"}; the spec documents an application/json ${schema.name}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return `${status} of ${operation.id} is not valid JSON; the spec documents ${schema.kind === "array" ? "an array of " : ""}${schema.name}`;
  }
  if (schema.kind === "array" && !Array.isArray(value)) return `${status} of ${operation.id} is not an array of ${schema.name}`;
  const items = schema.kind === "array" ? (value as unknown[]) : [value];
  for (const [index, item] of items.entries()) {
    const result = validateAgainst("registry", schema.name, item);
    if (result.ok) continue;
    // A oneOf reports every branch's complaints; the branch the discriminator picks names the real ones.
    const branch = discriminated(schema.name, item);
    const precise = branch ? validateAgainst("registry", branch, item) : result;
    const message = precise.ok ? result.message : `${branch ? `(${branch}) ` : ""}${precise.message}`;
    return `${status} of ${operation.id} breaks the ${schema.name} schema${schema.kind === "array" ? ` at item ${index}` : ""}: ${message}`;
  }
  return undefined;
}

/** The schema a discriminated oneOf maps this value to, if the schema has a discriminator. */
function discriminated(name: string, value: unknown): string | undefined {
  const discriminator = (registrySpec.components.schemas[name] as Json | undefined)?.["discriminator"] as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (!discriminator?.propertyName || typeof value !== "object" || value === null) return undefined;
  const key = (value as Json)[discriminator.propertyName];
  return typeof key === "string" ? SCHEMA_REF.exec(discriminator.mapping?.[key] ?? "")?.[1] : undefined;
}

function bodySchemaOf(response: Json): BodySchema {
  const resolved = typeof response["$ref"] === "string" ? resolveRef(response["$ref"]) : response;
  const schema = ((resolved["content"] as Json | undefined)?.["application/json"] as Json | undefined)?.["schema"] as Json | undefined;
  if (!schema) return { kind: "none" };
  const named = SCHEMA_REF.exec(String(schema["$ref"] ?? ""));
  if (named?.[1]) return { kind: "named", name: named[1] };
  const item = SCHEMA_REF.exec(String((schema["items"] as Json | undefined)?.["$ref"] ?? ""));
  if (schema["type"] === "array" && item?.[1]) return { kind: "array", name: item[1] };
  throw new Error(`the registry spec has a response schema the checks cannot judge: ${JSON.stringify(schema).slice(0, 200)}`);
}

function resolveRef(ref: string): Json {
  let node: unknown = registrySpec;
  for (const part of ref.replace(/^#\//, "").split("/")) node = (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  if (typeof node !== "object" || node === null) throw new Error(`the registry spec has a dangling $ref ${ref}`);
  return node as Json;
}
