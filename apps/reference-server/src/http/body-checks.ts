/**
 * The checks every route makes on a request body before reading a byte of it, in one order for
 * all of them: the media type (415), then the declared size (413).
 * @see openapi/message.yaml (status table) and openapi/registry.yaml (413, 415)
 */
import type { IncomingMessage } from "node:http";
import { MAX_MESSAGE_BYTES } from "@mcp-contract/api-types";
import type { HttpError } from "../errors.js";
import { declaredTooLarge } from "./body-reader.js";
import { checkJsonContentType } from "./content-type.js";

/** The largest body any route reads: 4 MiB, the MCP message limit (a registry tool run carries the same arguments as a `tools/call`). */
export const MAX_BODY_BYTES = MAX_MESSAGE_BYTES;

/** The 415 or 413 to answer before reading `req`'s body, or undefined when it may be read. */
export function refuseBody(req: IncomingMessage): HttpError | undefined {
  return checkJsonContentType(req.headers["content-type"]) ?? declaredTooLarge(req, MAX_BODY_BYTES);
}

/** Whether `req` declares no body at all (no `Content-Length` or 0, and no `Transfer-Encoding`). */
export function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] === undefined && (length === undefined || Number(length) === 0);
}
