/**
 * The registry's recurring errors, as the app's one HttpError (answered as the spec's ApiError by
 * sendHttpError). Details say what went wrong and how to fix it, and never hold a secret.
 */
import type { FieldError } from "@mcp-contract/api-types";
import { HttpError } from "../errors.js";

/** 422 naming every failing field, with the first few in the detail. */
export function validationFailed(errors: readonly FieldError[], what = "Invalid request"): HttpError {
  const summary = errors
    .slice(0, 3)
    .map((error) => `${error.field} ${error.message}`)
    .join("; ");
  return new HttpError(422, "validation_failed", `${what}: ${summary}`, { errors });
}

export function serverNotFound(id: string): HttpError {
  return new HttpError(404, "not_found", `No MCP server has id '${id}'.`);
}
