/**
 * The legacy era of `/mcp`: the spec's defaults for a server that requires sessions, so a request
 * without `Mcp-Session-Id` (other than `initialize`) is 400 and DELETE is 204. The dual-era `/mcp`
 * endpoint hands every legacy request here: `initialize`, and anything naming a session.
 * @see openapi/streamable.yaml (/mcp) and
 *   https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { MCP_PATH } from "../routes/paths.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { deleteLegacy, getLegacy, postLegacy, type LegacyProfile } from "./legacy-transport.js";

/** How `/mcp` keeps its legacy sessions. */
export const MCP_LEGACY_PROFILE: LegacyProfile = { dialect: "mcp", missingSessionStatus: 400, path: MCP_PATH };

const post: EndpointAction = (app, req, res, credential) => postLegacy(app, req, res, credential, MCP_LEGACY_PROFILE);
const get: EndpointAction = (app, req, res, credential) => getLegacy(app, req, res, credential, MCP_LEGACY_PROFILE);
const remove: EndpointAction = (app, req, res, credential) => deleteLegacy(app, req, res, credential, MCP_LEGACY_PROFILE);

/** `/mcp` serving the legacy era only (what `--eras legacy` serves). */
export const MCP_LEGACY_ONLY: Endpoint = { dialect: "streamable", allow: "GET, POST, DELETE", GET: get, POST: post, DELETE: remove };
