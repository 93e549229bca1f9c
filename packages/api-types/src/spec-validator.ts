/**
 * JSON Schema validation against the bundled specs' `components.schemas`, with ajv compiled once
 * per schema and cached. OpenAPI 3.1 schemas are JSON Schema 2020-12, so Ajv2020 reads them as is.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { specs, type SpecName } from "./specs.js";

/** The outcome of one validation: `ok`, or the failures with a message naming each field. */
export type ValidationResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly errors: readonly FieldFailure[]; readonly message: string };

/** One failing field: a JSON pointer into the value (`/arguments/text`) and what is wrong. */
export interface FieldFailure {
  readonly field: string;
  readonly message: string;
}

let shared: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  if (shared) return shared;
  // strict: false because OpenAPI documents carry keywords ajv does not know (`openapi`, `paths`,
  // `discriminator`, `example`); they are annotations, not constraints.
  shared = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(shared);
  for (const [name, spec] of Object.entries(specs)) shared.addSchema(spec, `${name}.openapi.json`);
  return shared;
}

const cache = new Map<string, ValidateFunction>();

/** The compiled validator of `components.schemas[schema]` in the named spec. */
export function schemaValidator(spec: SpecName, schema: string): ValidateFunction {
  const key = `${spec}.openapi.json#/components/schemas/${schema}`;
  let validate = cache.get(key);
  if (!validate) {
    if (!(schema in specs[spec].components.schemas)) {
      throw new Error(`The ${spec} spec has no schema '${schema}'`);
    }
    validate = ajv().getSchema(key);
    if (!validate) throw new Error(`Could not compile ${key}`);
    cache.set(key, validate);
  }
  return validate;
}

/** Compiles an arbitrary JSON Schema (a tool's `inputSchema`) with the same ajv settings. */
export function compileJsonSchema(schema: object): ValidateFunction {
  return ajv().compile(schema);
}

/** Validates `value` against `components.schemas[schema]` of the named spec. */
export function validateAgainst(spec: SpecName, schema: string, value: unknown): ValidationResult {
  const validate = schemaValidator(spec, schema);
  return validate(value) ? { ok: true } : failure(validate.errors ?? []);
}

/** Turns ajv errors into field failures, most specific first, and one readable sentence. */
export function failure(errors: readonly ErrorObject[]): ValidationResult & { ok: false } {
  const failures = errors
    // Wrapper keywords only say "some branch failed"; the branch's own errors say which field.
    .filter((error) => !["anyOf", "oneOf", "if", "propertyNames"].includes(error.keyword))
    .map((error) => ({ field: fieldOf(error), message: messageOf(error) }));
  const unique = [...new Map(failures.map((f) => [`${f.field} ${f.message}`, f])).values()];
  const listed = unique.length > 0 ? unique : [{ field: "/", message: "does not match the schema" }];
  const message = listed
    .slice(0, 3)
    .map((f) => `${f.field} ${f.message}`)
    .join("; ");
  return { ok: false, errors: listed, message };
}

function fieldOf(error: ErrorObject): string {
  // Errors inside `propertyNames` are about a key, not a value: name the key itself.
  if (error.propertyName !== undefined) return `${error.instancePath}/${error.propertyName}`;
  if (error.keyword === "required") {
    return `${error.instancePath}/${String(error.params["missingProperty"])}`;
  }
  if (error.keyword === "additionalProperties") {
    return `${error.instancePath}/${String(error.params["additionalProperty"])}`;
  }
  return error.instancePath === "" ? "/" : error.instancePath;
}

function messageOf(error: ErrorObject): string {
  if (error.propertyName !== undefined) return `is not a valid name (${error.message ?? "invalid"})`;
  if (error.keyword === "required") return "is required";
  if (error.keyword === "additionalProperties") return "is not allowed";
  if (error.keyword === "const") return `must be ${JSON.stringify(error.params["allowedValue"])}`;
  if (error.keyword === "enum") {
    return `must be one of ${(error.params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return error.message ?? "is invalid";
}
