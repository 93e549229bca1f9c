/**
 * Options every client of this package shares (credentials, custom headers, an injectable fetch),
 * and the one place that turns them into request headers.
 */

/** A fetch that takes a `Request`: what openapi-fetch calls, and what the session client calls too. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Anything `new Headers()` takes: a Headers, a record, or name/value pairs. */
export type HeadersLike = ConstructorParameters<typeof Headers>[0];

/** How to reach and authenticate to a server. */
export interface ConnectionOptions {
  /** Sent as `X-API-Key` (the Spice runtime's credential). */
  readonly apiKey?: string | undefined;
  /** Sent as `Authorization: Bearer <bearer>` (the Celonis credential). */
  readonly bearer?: string | undefined;
  /** Extra headers on every request. `apiKey` and `bearer` win over the same names here. */
  readonly headers?: HeadersLike | undefined;
  /** Replaces `globalThis.fetch`, e.g. to observe traffic in tests or add a proxy agent. */
  readonly fetch?: FetchLike | undefined;
}

/** The credential headers `apiKey` and `bearer` stand for, without the custom headers. */
export function credentialHeaders({ apiKey, bearer }: ConnectionOptions): Headers {
  const headers = new Headers();
  if (apiKey !== undefined) headers.set("x-api-key", apiKey);
  if (bearer !== undefined) headers.set("authorization", `Bearer ${bearer}`);
  return headers;
}

/** Custom headers first, then credentials over them: an explicit credential option wins. */
export function connectionHeaders(options: ConnectionOptions): Headers {
  const headers = new Headers(options.headers);
  for (const [name, value] of credentialHeaders(options)) headers.set(name, value);
  return headers;
}
