/**
 * The Spice runtime's Streamable HTTP endpoint, `/v1/mcp`: rmcp's stateful sessions, so every
 * request but `initialize` needs its `Mcp-Session-Id`, and one without it is 404 like an unknown
 * or expired one; DELETE is 204; `X-API-Key` when the runtime has keys; the 4 MiB body limit.
 * @see openapi/streamable.yaml (/v1/mcp)
 */
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { SPICE_MCP_PATH } from "../routes/paths.js";
import { deleteLegacy, getLegacy, postLegacy, type LegacyProfile } from "./legacy-transport.js";

const SPICE_PROFILE: LegacyProfile = { dialect: "spice-mcp", missingSessionStatus: 404, path: SPICE_MCP_PATH };

const post: EndpointAction = (app, req, res, credential) => postLegacy(app, req, res, credential, SPICE_PROFILE);
const get: EndpointAction = (app, req, res, credential) => getLegacy(app, req, res, credential, SPICE_PROFILE);
const remove: EndpointAction = (app, req, res, credential) => deleteLegacy(app, req, res, credential, SPICE_PROFILE);

export const SPICE_MCP: Endpoint = { dialect: "streamable", allow: "GET, POST, DELETE", GET: get, POST: post, DELETE: remove };
