/**
 * Checks presented secrets (API keys, bearer tokens) in constant time and names the match by its
 * position, so sessions can be bound to a credential without keeping or logging the secret itself.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** No credentials are configured, or none were needed: every request maps to this. */
export const ANONYMOUS = -1;

/** A set of accepted secrets; `match` returns which one was presented. */
export class CredentialSet {
  private readonly digests: readonly Buffer[];

  constructor(secrets: readonly string[]) {
    this.digests = secrets.map(digest);
  }

  /** Whether any secret is configured (auth is enforced only then). */
  get enabled(): boolean {
    return this.digests.length > 0;
  }

  /** The index of the secret equal to `presented`, or undefined. Compares against all of them. */
  match(presented: string | undefined): number | undefined {
    if (presented === undefined || presented === "") return undefined;
    const candidate = digest(presented);
    let found: number | undefined;
    this.digests.forEach((known, index) => {
      // Hashing first makes the lengths equal, so timingSafeEqual never leaks the secret's length.
      if (timingSafeEqual(known, candidate) && found === undefined) found = index;
    });
    return found;
  }
}

function digest(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/** The `X-API-Key` header (first value). */
export function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers["x-api-key"];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of `Authorization: Bearer <token>`, case-insensitive scheme. */
export function bearerTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (value === undefined || value.length < 7 || value.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
  return value.slice(7).trim();
}
