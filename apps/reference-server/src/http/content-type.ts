/**
 * The `Content-Type` check of the message endpoints: JSON, in UTF-8 (RFC 8259 §8.1).
 * @see openapi/message.yaml (415 unsupported_media_type)
 */
import { HttpError } from "../errors.js";

/** Returns the 415 to answer with, or undefined when `header` is JSON. */
export function checkJsonContentType(header: string | undefined): HttpError | undefined {
  if (header === "application/json") return undefined;
  if (header !== undefined) {
    const [mediaType = "", ...params] = header.split(";");
    if (mediaType.trim().toLowerCase() === "application/json") {
      const charset = params
        .map((param) => param.trim().toLowerCase())
        .find((param) => param.startsWith("charset="));
      const value = charset?.slice("charset=".length).replace(/"/g, "");
      if (value === undefined || value === "utf-8" || value === "utf8") return undefined;
      return new HttpError(
        415,
        "unsupported_media_type",
        `Unsupported charset '${value}': JSON must be UTF-8; send Content-Type: application/json.`,
      );
    }
  }
  const shown = header === undefined ? "none" : `'${header.slice(0, 100)}'`;
  return new HttpError(
    415,
    "unsupported_media_type",
    `Unsupported media type ${shown}: send Content-Type: application/json.`,
  );
}
