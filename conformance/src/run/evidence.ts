/**
 * Turns exchanges into report evidence: the request as sent and the response as seen, trimmed to
 * excerpts, with every credential header value replaced so reports can be shared and uploaded.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Exchange, SentRequest } from "../wire/http-exchange.js";
import type { RawExchange } from "../wire/raw-request.js";
import type { SseConnection } from "../wire/sse-connection.js";
import { escapeBytes } from "../wire/escape-bytes.js";
import type { Evidence, RequestEvidence, ResponseEvidence } from "../report/model.js";

/** Header names whose values are always secrets, whatever the user passed. */
const ALWAYS_SECRET = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"];
const REDACTED = "[redacted]";

export class EvidenceBuilder {
  readonly #secret: Set<string>;

  /** `secretHeaders`: names of the credential headers given on the command line. */
  constructor(secretHeaders: readonly string[]) {
    this.#secret = new Set([...ALWAYS_SECRET, ...secretHeaders.map((name) => name.toLowerCase())]);
  }

  /** Evidence from one HTTP exchange. */
  exchange(exchange: Exchange, notes?: readonly string[]): Evidence {
    const response: ResponseEvidence = {
      ...(exchange.response && {
        status: exchange.response.status,
        headers: this.headers(exchange.response.headers),
        bodyExcerpt: excerpt(exchange.response.body, exchange.response.bodyBytes),
      }),
      ...(exchange.error && { error: exchange.error }),
      durationMs: exchange.durationMs,
    };
    return withNotes({ request: this.request(exchange.request), response }, notes);
  }

  /** Evidence from an event stream: its head and the raw bytes seen, escaped. */
  stream(stream: SseConnection, notes?: readonly string[]): Evidence {
    const raw = stream.raw();
    const response: ResponseEvidence = {
      ...(stream.status !== undefined && { status: stream.status, headers: this.headers(stream.headers ?? {}) }),
      ...(raw.length > 0 && { streamExcerpt: escapeBytes(raw, 600) }),
      ...(stream.endedBy && stream.endedBy !== "closed by the runner" && { error: `stream ${stream.endedBy}` }),
      ...(stream.status === undefined && !stream.endedBy && { error: "no response head yet" }),
    };
    return withNotes({ request: this.request(stream.request), response }, notes);
  }

  /** Evidence from a raw-socket request (the 413 checks). */
  raw(exchange: RawExchange, notes?: readonly string[]): Evidence {
    const response: ResponseEvidence = {
      ...(exchange.response && {
        status: exchange.response.status,
        headers: this.headers(exchange.response.headers),
        bodyExcerpt: excerpt(exchange.response.body, exchange.response.body.length),
      }),
      ...(exchange.error && { error: exchange.error }),
      durationMs: exchange.durationMs,
    };
    return withNotes({ request: this.request(exchange.request), response }, notes);
  }

  request(request: SentRequest): RequestEvidence {
    return {
      method: request.method,
      url: request.url,
      headers: this.headers(request.headers),
      ...(request.body && request.body.length > 0 && { bodyExcerpt: excerpt(request.body, request.body.length) }),
    };
  }

  headers(headers: IncomingHttpHeaders | Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      out[name] = this.#secret.has(name.toLowerCase()) ? REDACTED : Array.isArray(value) ? value.join(", ") : String(value);
    }
    return out;
  }
}

/** The first bytes of a body as text, noting the full size when cut. */
export function excerpt(body: Buffer, totalBytes: number, maxChars = 600): string {
  const text = body.subarray(0, maxChars * 4).toString("utf8");
  if (text.length <= maxChars && totalBytes <= body.length) return text;
  return `${text.slice(0, maxChars)}… (${totalBytes} bytes)`;
}

function withNotes(evidence: Evidence, notes?: readonly string[]): Evidence {
  return notes && notes.length > 0 ? { ...evidence, notes } : evidence;
}
