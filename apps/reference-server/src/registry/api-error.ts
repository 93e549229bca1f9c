/**
 * The registry's one HTTP error: a status plus the spec's ApiError body. Everything the routes
 * throw on purpose is one of these; anything else becomes a generic 500 (see routes.ts).
 */
import type { ApiError, ApiErrorCode, FieldError } from "@mcp-contract/api-types";

export class ApiHttpError extends Error {
  override readonly name = "ApiHttpError";

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    /** What went wrong and how to fix it; must never hold a secret. */
    readonly detail: string,
    readonly errors?: readonly FieldError[],
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }

  /** The body as the spec's ApiError schema spells it. */
  body(): ApiError {
    return { detail: this.detail, code: this.code, ...(this.errors ? { errors: [...this.errors] } : {}) };
  }
}

/** 422 naming every failing field, with the first few in the detail. */
export function validationFailed(errors: readonly FieldError[], what = "Invalid request"): ApiHttpError {
  const summary = errors
    .slice(0, 3)
    .map((error) => `${error.field} ${error.message}`)
    .join("; ");
  return new ApiHttpError(422, "validation_failed", `${what}: ${summary}`, errors);
}

export function serverNotFound(id: string): ApiHttpError {
  return new ApiHttpError(404, "not_found", `No MCP server has id '${id}'.`);
}
