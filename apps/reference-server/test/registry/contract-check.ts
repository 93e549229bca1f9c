/**
 * Checks one registry answer against the registry spec: the status must be documented for the
 * operation and the body must match its schema.
 */
import { registrySpec, validateAgainst } from "@mcp-contract/api-types";


interface ResponseObject {
  readonly $ref?: string;
  readonly content?: { readonly "application/json"?: { readonly schema?: SchemaRef } };
}
interface SchemaRef {
  readonly $ref?: string;
  readonly type?: string;
  readonly items?: SchemaRef;
}

const components = registrySpec.components as { responses?: Record<string, ResponseObject> };

/** Undefined when the answer keeps the contract, else what is wrong. */
export function contractViolation(method: string, pathname: string, status: number, body: unknown, text: string): string | undefined {
  const template = Object.keys(registrySpec.paths).find((path) => pattern(path).test(pathname));
  const operation = template ? (registrySpec.paths[template]?.[method.toLowerCase()] as { responses: Record<string, ResponseObject> } | undefined) : undefined;
  if (!template || !operation) {
    // Unknown path or method: no operation to hold it to, but errors still use ApiError.
    return status >= 400 ? schemaViolation("ApiError", body) : `${method} ${pathname} is not in the spec but answered ${status}`;
  }
  let response = operation.responses[String(status)];
  if (response?.$ref) response = components.responses?.[response.$ref.split("/").at(-1) ?? ""];
  if (!response) {
    return `${method} ${template} answered ${status}, which the spec does not document: ${text}`;
  }
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return text === "" ? undefined : `${status} must have no body, got ${text}`;
  if (schema.type === "array") {
    if (!Array.isArray(body)) return `expected an array, got ${text}`;
    for (const item of body) {
      const problem = schemaViolation(nameOf(schema.items), item);
      if (problem) return problem;
    }
    return undefined;
  }
  return schemaViolation(nameOf(schema), body);
}

function pattern(template: string): RegExp {
  return new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}/?$`);
}

function nameOf(schema: SchemaRef | undefined): string {
  return schema?.$ref?.split("/").at(-1) ?? "";
}

function schemaViolation(schema: string, body: unknown): string | undefined {
  const result = validateAgainst("registry", schema, body);
  return result.ok ? undefined : `body breaks ${schema}: ${result.message} in ${JSON.stringify(body)}`;
}
