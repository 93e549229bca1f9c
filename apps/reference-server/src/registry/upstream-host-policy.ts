/**
 * Which hosts the gateway may reach upstream servers at (no SSRF by default): an http(s) URL
 * without userinfo, whose host is not, and does not resolve to, a loopback, link-local, private,
 * unique-local, CGNAT, unspecified or other special-purpose address (address-classes.ts), unless
 * the operator allowed that host (`--allow-upstream-host`). The same judgement runs at
 * registration and again inside every connect (guarded-fetch.ts), on the address actually dialled,
 * so a name that resolves elsewhere by then (DNS rebinding) is still refused.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import type { FieldError } from "@mcp-contract/api-types";
import { canonicalAddress, refusedAddressClass } from "./address-classes.js";

/** One resolved address, as `dns.lookup(…, { all: true })` gives it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to its addresses (default: the system resolver, `dns.lookup`). Tests inject their own. */
export type UpstreamLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Names that are never public, whatever a resolver says (RFC 6761 `localhost`, cloud metadata). */
const INTERNAL_NAMES = /^(?:localhost|.+\.localhost|metadata|metadata\.google\.internal|metadata\.goog)$/;

/** Why a connect to an upstream host was refused; its message is safe to show the caller. */
export class UpstreamHostRefused extends Error {
  override readonly name = "UpstreamHostRefused";
  readonly code = "ERR_UPSTREAM_HOST_REFUSED";
}

const systemLookup: UpstreamLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** `Example.COM.` → `example.com`, `[::1]` → `::1`; undefined for text that is not a host name or IP. */
export function normalizeUpstreamHost(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase().replace(/\.$/, "");
  const address = canonicalAddress(trimmed);
  if (address !== undefined) return address;
  return /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(trimmed) ? trimmed : undefined;
}

/** The field error for a `server_url` that is not http(s), or carries userinfo (a credential in the URL). */
export function serverUrlShapeError(serverUrl: string, field: string): FieldError | undefined {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return { field, message: "is not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { field, message: "must be an http: or https: URL" };
  if (url.username !== "" || url.password !== "") {
    return { field, message: "must not carry a user name or password (userinfo): send credentials with auth_token or custom_headers" };
  }
  return undefined;
}

export class UpstreamHostPolicy {
  readonly #allowed: ReadonlySet<string>;
  readonly #lookup: UpstreamLookup;

  constructor(options: { readonly allow?: readonly string[]; readonly lookup?: UpstreamLookup | undefined } = {}) {
    const allowed = new Set<string>();
    for (const entry of options.allow ?? []) {
      const host = normalizeUpstreamHost(entry);
      if (host === undefined) throw new TypeError(`'${entry}' is not a host name or IP address (write 127.0.0.1, ::1 or localhost, no scheme or port).`);
      allowed.add(host);
    }
    this.#allowed = allowed;
    this.#lookup = options.lookup ?? systemLookup;
  }

  /**
   * Why the gateway may not reach `serverUrl`'s host, judged on its addresses now; undefined when
   * it may (or when the name does not resolve now: every connect judges it again).
   */
  async refusalOf(serverUrl: string): Promise<string | undefined> {
    const hostname = new URL(serverUrl).hostname;
    try {
      await this.#addressesOf(hostname);
      return undefined;
    } catch (error) {
      return error instanceof UpstreamHostRefused ? error.message : undefined;
    }
  }

  /**
   * The refusal for a connect to `hostname` when it is an IP literal (which `net.connect` dials
   * without a lookup), undefined for an allowed address or a name.
   */
  literalRefusal(hostname: string): UpstreamHostRefused | undefined {
    const address = canonicalAddress(hostname);
    if (address === undefined || this.#allowed.has(address)) return undefined;
    const refused = refusedAddressClass(address);
    return refused === undefined ? undefined : this.#refused(hostname, refused);
  }

  /**
   * A `lookup` for `net.connect`/`tls.connect`: resolves through the policy's resolver and fails
   * with UpstreamHostRefused when any address of the name is refused, so the socket is never opened.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.#addressesOf(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = family === undefined ? addresses : addresses.filter((entry) => entry.family === family);
        const [first] = usable;
        if (options.all) callback(null, usable.map(({ address, family }) => ({ address, family })));
        else if (first) callback(null, first.address, first.family);
        else callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };

  /** The addresses of `hostname` the gateway may dial, or UpstreamHostRefused. */
  async #addressesOf(hostname: string): Promise<readonly ResolvedAddress[]> {
    const host = normalizeUpstreamHost(hostname) ?? hostname;
    const literal = canonicalAddress(host);
    const allowed = this.#allowed.has(host);
    if (literal !== undefined) {
      const refusal = allowed ? undefined : this.literalRefusal(literal);
      if (refusal) throw refusal;
      return [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
    }
    if (!allowed && INTERNAL_NAMES.test(host)) throw this.#refused(hostname, "a name reserved for this machine or its cloud metadata service");
    const addresses = await this.#lookup(host);
    if (allowed) return addresses;
    for (const { address } of addresses) {
      const refused = refusedAddressClass(address);
      // One refused address refuses the name: a connect may pick any of them.
      if (refused !== undefined) throw this.#refused(hostname, `${refused} (${address})`, "resolves to");
    }
    return addresses;
  }

  #refused(hostname: string, what: string, verb = "is"): UpstreamHostRefused {
    const shown = hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
    return new UpstreamHostRefused(
      `the upstream host is not allowed: ${shown} ${verb} ${what}. Start the server with --allow-upstream-host ${hostname.replace(/^\[|\]$/g, "")} (or UPSTREAM_HOST_ALLOWLIST) to allow it.`,
    );
  }
}
