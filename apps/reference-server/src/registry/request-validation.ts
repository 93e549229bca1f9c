/**
 * Checks request bodies against the registry spec's schemas (header names and values included),
 * and explains fields that do not fit the stored server's type. Each failure is a 422 whose
 * `errors` name every failing field.
 */
import {
  validateAgainst,
  type CreateMcpServerRequest,
  type FieldError,
  type LettaCreateMcpServerRequest,
  type RunToolRequest,
  type UpdateMcpServerRequest,
} from "@mcp-contract/api-types";
import { HttpError } from "../errors.js";
import { validationFailed } from "./registry-errors.js";
import type { StoredServer } from "./stored-server.js";
import { serverUrlShapeError } from "./upstream-host-policy.js";

type ServerType = StoredServer["mcp_server_type"];

const CREATE_SCHEMA: Record<ServerType, string> = {
  sse: "CreateSseMcpServer",
  stdio: "CreateStdioMcpServer",
  streamable_http: "CreateStreamableHTTPMcpServer",
};

const UPDATE_SCHEMA: Record<ServerType, string> = {
  sse: "UpdateSseMcpServer",
  stdio: "UpdateStdioMcpServer",
  streamable_http: "UpdateStreamableHTTPMcpServer",
};

/** The fields only some types have, to say "does not apply" rather than "is not allowed". */
const TYPE_FIELDS: Record<ServerType, readonly string[]> = {
  sse: ["server_url", "auth_header", "auth_token", "custom_headers"],
  stdio: ["command", "args", "env"],
  streamable_http: ["server_url", "auth_header", "auth_token", "custom_headers"],
};

/**
 * Letta's `{server_name, config: {…}}` as the flat form: its fields are checked as the flat
 * model, and a failing field is named where the client put it (`/config/server_url`).
 */
function fromLettaForm(body: unknown): CreateMcpServerRequest {
  const letta = validateAgainst("registry", "LettaCreateMcpServerRequest", body);
  if (!letta.ok) throw validationFailed(letta.errors);
  const { server_name, config } = body as LettaCreateMcpServerRequest;
  if (Object.hasOwn(config, "server_name")) {
    throw validationFailed([{ field: "/config/server_name", message: "is not allowed: the name goes beside config, not in it" }]);
  }
  const flat = { server_name, ...config };
  try {
    return validateFlat(flat);
  } catch (error) {
    if (error instanceof HttpError && error.errors) {
      const errors = error.errors.map((failure) =>
        failure.field === "/server_name" ? failure : { ...failure, field: `/config${failure.field}` },
      );
      throw validationFailed(errors);
    }
    throw error;
  }
}

/** Whether a create body is in Letta's form (a `config` object beside the name). */
export function isLettaForm(body: unknown): boolean {
  return typeof body === "object" && body !== null && !Array.isArray(body) && "config" in body && !("mcp_server_type" in body);
}

/** A create body in the flat form, or in Letta's (a `config` object beside the name). */
export function validateCreate(body: unknown): CreateMcpServerRequest {
  return isLettaForm(body) ? fromLettaForm(body) : validateFlat(body);
}

function validateFlat(body: unknown): CreateMcpServerRequest {
  const result = validateAgainst("registry", "CreateMcpServerRequest", body);
  if (!result.ok) {
    // The oneOf reports every branch's complaints; the chosen type's schema names the real ones.
    const type = typeOf(body);
    const precise = type ? validateAgainst("registry", CREATE_SCHEMA[type], body) : result;
    throw validationFailed((precise.ok ? result : precise).errors);
  }
  const request = body as CreateMcpServerRequest;
  const urlError = request.mcp_server_type === "stdio" ? undefined : serverUrlShapeError(request.server_url, "/server_url");
  if (urlError) throw validationFailed([urlError]);
  return request;
}

/** Validates a PATCH body for a server of `type`: fields of another type are named as such. */
export function validateUpdate(body: unknown, type: ServerType): UpdateMcpServerRequest {
  const general = validateAgainst("registry", "UpdateMcpServerRequest", body);
  const typed = validateAgainst("registry", UPDATE_SCHEMA[type], body);
  if (!typed.ok) {
    throw validationFailed(typed.errors.map((error) => explainForType(error, type, body)));
  }
  if (!general.ok) throw validationFailed(general.errors);
  const serverUrl = (body as { server_url?: unknown }).server_url;
  const urlError = typeof serverUrl === "string" ? serverUrlShapeError(serverUrl, "/server_url") : undefined;
  if (urlError) throw validationFailed([urlError]);
  return body as UpdateMcpServerRequest;
}

/** The run request's `args` (`{}` when the body or `args` is absent). */
export function validateRun(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  const result = validateAgainst("registry", "RunToolRequest", body);
  if (!result.ok) throw validationFailed(result.errors);
  return (body as Partial<RunToolRequest>).args ?? {};
}

function explainForType(error: FieldError, type: ServerType, body: unknown): FieldError {
  const field = error.field.slice(1);
  if (field === "mcp_server_type" && typeOf(body) !== undefined) {
    return { field: error.field, message: `cannot change: this server is ${type}` };
  }
  const other = (Object.keys(TYPE_FIELDS) as ServerType[]).find(
    (candidate) => candidate !== type && TYPE_FIELDS[candidate].includes(field),
  );
  if (other && !TYPE_FIELDS[type].includes(field) && error.message === "is not allowed") {
    return { field: error.field, message: `does not apply to a ${type} server` };
  }
  return error;
}

function typeOf(body: unknown): ServerType | undefined {
  const type = (body as { mcp_server_type?: unknown } | null)?.mcp_server_type;
  return typeof type === "string" && Object.hasOwn(CREATE_SCHEMA, type) ? (type as ServerType) : undefined;
}
