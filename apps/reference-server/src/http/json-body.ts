/**
 * Reading a whole JSON body as a promise, for routes that await their input (the registry), on
 * the same reader, checks and limit as the MCP endpoints.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "../errors.js";
import { MAX_BODY_BYTES, hasNoBody, refuseBody } from "./body-checks.js";
import { readBody } from "./body-reader.js";

type Settle = [resolve: (body: Buffer) => void, reject: (error: HttpError) => void];

/**
 * The parsed JSON body; 415, 413 or 400 (not JSON) otherwise. With `optional`, a request without
 * a body (or with only whitespace) reads as `undefined`, for operations whose request body the
 * spec marks optional; any content type is then accepted.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, { optional = false } = {}): Promise<unknown> {
  if (optional && hasNoBody(req)) return undefined;
  const refused = refuseBody(req);
  if (refused) throw refused;
  const body = await new Promise<Buffer>((resolve, reject) => readBody(req, res, MAX_BODY_BYTES, [resolve, reject] as Settle, undefined, settle));
  const text = body.toString("utf8");
  if (optional && text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, "bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function settle([resolve, reject]: Settle, _res: ServerResponse, _context: undefined, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) reject(error ?? new HttpError(400, "bad_request", "The request body could not be read."));
  else resolve(body);
}
