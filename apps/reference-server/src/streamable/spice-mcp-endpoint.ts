/**
 * The Spice runtime's Streamable HTTP endpoint, `/v1/mcp`: rmcp's stateful sessions, so every
 * request but `initialize` needs its `Mcp-Session-Id`, and one without it is 404 like an unknown
 * or expired one; DELETE is 204; `X-API-Key` when the runtime has keys; the 4 MiB body limit.
 * Dual-era, as Spice has been since its 2026-09 release: a 2026-07-28 request is served
 * statelessly, as on `/mcp`.
 * @see openapi/streamable.yaml (/v1/mcp)
 */
import { dualEraEndpoint } from "../modern/dual-era-endpoint.js";
import type { Endpoint } from "../transport/endpoint.js";
import { SPICE_MCP_PATH } from "../routes/paths.js";
import type { LegacyProfile } from "./legacy-transport.js";

const SPICE_PROFILE: LegacyProfile = { dialect: "spice-mcp", missingSessionStatus: 404, path: SPICE_MCP_PATH };

export const SPICE_MCP: Endpoint = dualEraEndpoint(SPICE_PROFILE);
