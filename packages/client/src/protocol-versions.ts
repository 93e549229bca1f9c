/**
 * The MCP revisions this client speaks, by era. Client choices, not wire shapes: the server's own
 * list comes back in `server/discover` or in an UnsupportedProtocolVersionError.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
 */

/** Revisions that carry version, identity and capabilities in every request's `_meta`. */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = ["2026-07-28"];

/** Revisions that open with an `initialize` handshake, oldest first. */
export const LEGACY_PROTOCOL_VERSIONS: readonly string[] = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

/** What a modern request asks for unless told otherwise. */
export const MODERN_PROTOCOL_VERSION = "2026-07-28";

/** What `initialize` asks for unless told otherwise: the newest legacy revision. */
export const LEGACY_PROTOCOL_VERSION = "2025-11-25";

/** The `_meta` keys every modern request carries. */
export const META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
export const META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
export const META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
export const META_SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
