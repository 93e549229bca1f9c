/**
 * `requestState` for Multi Round-Trip Requests: what the server needs on the retry, sealed so a
 * client can neither read nor forge it. The spec makes state attacker-controlled input and asks
 * for integrity (HMAC or AEAD), a short expiry and a binding to the originating request; this is
 * an HMAC-SHA256 over the payload, with a key made at start (state does not survive a restart,
 * which only costs a client one more round trip).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr#server-requirements-basic-workflow
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a client has to answer before its state expires. */
export const REQUEST_STATE_TTL_MS = 5 * 60_000;

interface Payload {
  /** What the state is for: the method, the tool and a digest of its arguments. */
  readonly for: string;
  /** Expiry, ms since the epoch. */
  readonly exp: number;
}

/** Why a `requestState` was refused; the message goes to the client as is. */
export class RequestStateRejected extends Error {
  override readonly name = "RequestStateRejected";
}

export class RequestStateSeal {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  /** A state bound to `binding` (see bindingOf), valid for REQUEST_STATE_TTL_MS from `now`. */
  seal(binding: string, now = Date.now()): string {
    const payload = Buffer.from(JSON.stringify({ for: binding, exp: now + REQUEST_STATE_TTL_MS } satisfies Payload)).toString("base64url");
    return `${payload}.${this.sign(payload)}`;
  }

  /** Checks `state` was sealed here, for `binding`, and has not expired; throws RequestStateRejected. */
  open(state: unknown, binding: string, now = Date.now()): void {
    if (typeof state !== "string") throw new RequestStateRejected("requestState must be the string the server sent.");
    const [payload = "", signature = "", extra] = state.split(".");
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (extra !== undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new RequestStateRejected("requestState failed verification: it was not issued by this server or was altered.");
    }
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Payload;
    if (decoded.for !== binding) throw new RequestStateRejected("requestState belongs to another request (a different tool or arguments).");
    if (decoded.exp < now) throw new RequestStateRejected(`requestState expired (it is valid for ${REQUEST_STATE_TTL_MS / 60_000} minutes); call the tool again without it.`);
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}

/** The binding of a `tools/call`: its tool and a digest of its arguments (key order included). */
export function bindingOf(tool: string, args: Readonly<Record<string, unknown>>): string {
  return `tools/call ${tool} ${createHash("sha256").update(JSON.stringify(args)).digest("base64url")}`;
}
