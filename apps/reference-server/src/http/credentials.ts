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

/** Who a request proved to be: a numbered credential (sessions bind to it) and whether it is the operator's. */
export interface Caller {
  /** Unique across the configured sets; ANONYMOUS when nothing was presented and nothing is required. */
  readonly credential: number;
  /** Presented an `--admin-token`: may write the registry and run tools directly. */
  readonly operator: boolean;
}

/** The anonymous caller of a server that configures no credential at all. */
export const ANONYMOUS_CALLER: Caller = { credential: ANONYMOUS, operator: false };

/**
 * Every credential the server accepts, in one place: API keys (`X-API-Key`), Celonis bearer tokens
 * and operator tokens (both `Authorization: Bearer`; a bearer token is looked up in each set). The
 * numbers handed out are distinct across sets, so a session opened with one never answers another.
 */
export class CallerCredentials {
  readonly apiKeys: CredentialSet;
  readonly bearerTokens: CredentialSet;
  readonly operatorTokens: CredentialSet;
  readonly #bearerOffset: number;
  readonly #operatorOffset: number;

  constructor(sets: { apiKeys: readonly string[]; bearerTokens: readonly string[]; operatorTokens: readonly string[] }) {
    this.apiKeys = new CredentialSet(sets.apiKeys);
    this.bearerTokens = new CredentialSet(sets.bearerTokens);
    this.operatorTokens = new CredentialSet(sets.operatorTokens);
    this.#bearerOffset = sets.apiKeys.length;
    this.#operatorOffset = sets.apiKeys.length + sets.bearerTokens.length;
  }

  /** Whether any credential is configured: then no MCP endpoint serves an anonymous caller. */
  get required(): boolean {
    return this.apiKeys.enabled || this.bearerTokens.enabled || this.operatorTokens.enabled;
  }

  /** The caller the headers prove, or undefined when they prove none (whatever is configured). */
  identify(headers: IncomingHttpHeaders): Caller | undefined {
    const token = bearerTokenOf(headers);
    // Every set is asked, whatever matched first, so the time taken does not say which set holds a token.
    const operator = this.operatorTokens.match(token);
    const bearer = this.bearerTokens.match(token);
    const key = this.apiKeys.match(apiKeyOf(headers));
    if (operator !== undefined) return { credential: this.#operatorOffset + operator, operator: true };
    if (bearer !== undefined) return { credential: this.#bearerOffset + bearer, operator: false };
    if (key !== undefined) return { credential: key, operator: false };
    return undefined;
  }
}
