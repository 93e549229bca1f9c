/**
 * Turns a non-2xx answer into an `McpTransportError("http-status")` whose body is typed only once
 * it has been validated against the contract: a TransportError, the Celonis `{detail}`, or text.
 * @see openapi/message.yaml (the HTTP error table)
 */
import { validateAgainst, type ErrorDetail, type TransportError } from "@mcp-contract/api-types";
import { McpTransportError, type HttpErrorBody } from "./mcp-transport-error.js";

const MAX_TEXT_IN_MESSAGE = 200;

/** Reads the body and classifies it against the spec's error schemas. */
export function classifyErrorBody(text: string): HttpErrorBody | undefined {
  if (text === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  if (validateAgainst("message", "TransportError", json).ok) return json as TransportError;
  if (validateAgainst("message", "ErrorDetail", json).ok) return json as ErrorDetail;
  return text;
}

function summary(body: HttpErrorBody | undefined): string {
  if (body === undefined) return "";
  if (typeof body === "string") {
    const line = body.trim().slice(0, MAX_TEXT_IN_MESSAGE);
    return line === "" ? "" : `: ${line}`;
  }
  return `: ${"error" in body ? body.error.message : body.detail}`;
}

/** The error for a non-2xx `response` to `method url`; reads (and so consumes) its body. */
export async function httpStatusError(method: string, url: URL, response: Response): Promise<McpTransportError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read is reported as absent; the status still says what happened.
  }
  const body = classifyErrorBody(text);
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new McpTransportError("http-status", `${method} ${url.href} answered ${status}${summary(body)}`, {
    status: response.status,
    body,
    cause: body ?? response,
  });
}
