/**
 * Reading JSON request bodies (media type, size cap, syntax) and writing JSON answers, with the
 * statuses 415, 400 and 413 (the last one not yet in the registry spec).
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "../errors.js";

/** The largest request body the registry reads. Its bodies are small configs and tool arguments. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `application/json` or any `+json` type, with or without parameters. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The parsed JSON body. With `optional`, an empty body (and then any or no content type) reads
 * as `undefined`, for operations whose request body the spec marks optional.
 */
export async function readJsonBody(
  req: IncomingMessage,
  { optional = false, maxBytes = MAX_BODY_BYTES }: { optional?: boolean; maxBytes?: number } = {},
): Promise<unknown> {
  const type = req.headers["content-type"];
  const isJson = type !== undefined && JSON_TYPE.test(type);
  // Throwing before reading is safe: node discards an unread body once the answer is sent.
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (!isJson && !optional) throw unsupported(type);
  const text = await readText(req, maxBytes);
  if (optional && text.trim() === "") return undefined;
  if (!isJson) throw unsupported(type);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, "bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Keep draining without storing, so the client finishes sending and can read the 413.
      req.off("data", onData);
      req.resume();
      reject(tooLarge(maxBytes));
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

function unsupported(type: string | undefined): HttpError {
  return new HttpError(
    415,
    "bad_request",
    `Unsupported media type '${type ?? "none"}': send Content-Type: application/json.`,
  );
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, "payload_too_large", `The request body is larger than ${maxBytes} bytes: send at most that.`);
}
