/**
 * Origin and Host checks against DNS rebinding and cross-site requests (MCP transport security):
 * browsers send `Origin`, and a rebound name still carries the attacker's `Host`.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning
 */
import type { IncomingHttpHeaders } from "node:http";

const LOOPBACK_HOSTNAMES = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Decides whether a request's `Origin` and `Host` may reach the server. */
export class OriginPolicy {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;
  private readonly hostnames: ReadonlySet<string>;
  private readonly checkHost: boolean;
  /**
   * The last `Host` let through. A client sends the same one on every request, and parsing and
   * lowercasing it was a sizeable share of a 2026-07-28 POST's cost, so a repeat is not re-checked.
   */
  private lastAllowedHost: string | undefined = undefined;

  /**
   * @param allowedOrigins normalized origins (`http://app.example:3000`) or `*`.
   * @param listenHost the configured host. The Host check only applies on loopback, where it is
   *   the DNS-rebinding defence; a server bound to a public interface is reached by other names.
   */
  constructor(allowedOrigins: readonly string[], listenHost: string) {
    this.anyOrigin = allowedOrigins.includes("*");
    this.origins = new Set(allowedOrigins);
    const hostnames = new Set(LOOPBACK_HOSTNAMES);
    for (const origin of allowedOrigins) if (origin !== "*") hostnames.add(new URL(origin).hostname);
    this.hostnames = hostnames;
    this.checkHost = !this.anyOrigin && LOOPBACK_HOSTNAMES.has(listenHost);
  }

  /** The refusal sentence (without advice), or undefined when the request may pass. */
  refusal(headers: IncomingHttpHeaders): string | undefined {
    const origin = headers.origin;
    if (origin !== undefined && !this.anyOrigin && !this.origins.has(origin) && !isLoopbackOrigin(origin)) {
      return `Origin '${origin.slice(0, 200)}' is not allowed`;
    }
    if (this.checkHost) {
      const host = headers.host;
      if (host !== undefined && host !== this.lastAllowedHost) {
        if (!this.hostnames.has(hostnameOf(host))) return `Host '${host.slice(0, 200)}' is not allowed`;
        this.lastAllowedHost = host;
      }
    }
    return undefined;
  }

  /** Whether `origin` may read answers (CORS); only asked when an Origin header is present. */
  allowsOrigin(origin: string): boolean {
    return this.anyOrigin || this.origins.has(origin) || isLoopbackOrigin(origin);
  }
}

function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTNAMES.has(url.hostname);
}

/** `example.com:8090` → `example.com`, `[::1]:8090` → `[::1]`, lowercased. */
function hostnameOf(host: string): string {
  const end = host.startsWith("[") ? host.indexOf("]") + 1 : host.indexOf(":");
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}
