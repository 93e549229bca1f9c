/**
 * The Streamable HTTP defect cases: each names a defect of the proxy in front of the reference
 * server's /mcp, the verdicts it must produce, and the eras /mcp serves (default both).
 */
import type { Expected } from "./expectations.js";
import type { StreamableDefect, StreamableSetup } from "./fixtures/streamable-defect-proxy.js";

/** defect, verdicts, the eras /mcp serves, the endpoint behind the proxy (default /mcp), how the server behind it is set up. */
export type StreamableCase = [StreamableDefect, Expected, ("both" | "modern" | "legacy")?, string?, StreamableSetup?];

const SPICE = "/v1/mcp";
const OPENSEARCH = "/_plugins/_ml/mcp";
/** What OpenSearch's endpoint does by its profile, reported by name: deviations, never failures. */
export const OPENSEARCH_DEVIATIONS = ["legacy-invalid-protocol-version-400", "legacy-batches-by-revision", "streamable-parse-error", "streamable-invalid-request", "opensearch-mcp-json-only"];

export const STREAMABLE_CASES: readonly StreamableCase[] = [
  ["ignores-origin", { failed: ["streamable-origin-403"] }],
  ["session-id-with-space", { failed: ["legacy-session-id-visible-ascii"] }],
  // The same answer is wrong for both eras' tools/list.
  ["answers-text-plain", { failed: ["legacy-request-answer", "modern-result-type"] }],
  ["notification-200", { failed: ["legacy-notification-202"] }],
  ["accepts-any-version", { failed: ["legacy-invalid-protocol-version-400"] }],
  ["missing-session-404", { warning: ["legacy-missing-session-400"] }],
  // A server that says 400 for sessions it does not know also says 400 once one is deleted.
  ["unknown-session-400", { failed: ["legacy-unknown-session-404", "legacy-delete-ends-session"] }],
  ["delete-keeps-session", { failed: ["legacy-delete-ends-session"] }],
  ["discover-no-capabilities", { failed: ["modern-discover"] }],
  ["results-without-result-type", { failed: ["modern-result-type"] }],
  ["modern-ping-200", { failed: ["modern-removed-method-404"] }],
  ["ignores-header-mismatch", { failed: ["modern-header-mismatch"] }],
  ["case-sensitive-header-names", { failed: ["modern-header-name-case"] }],
  ["no-base64-decoding", { failed: ["modern-mcp-name-base64"] }],
  ["unsupported-version-bare-400", { failed: ["modern-unsupported-version"] }],
  ["accepts-missing-meta", { failed: ["modern-missing-meta"] }],
  ["accepts-missing-capabilities", { failed: ["modern-missing-meta"] }],
  ["missing-capabilities-error-200", { failed: ["modern-missing-meta"] }],
  // Spec-legal: without any _meta the MCP-Protocol-Version header has no body value to match (HeaderMismatch).
  ["missing-meta-as-header-mismatch", {}],
  ["capability-error-200", { failed: ["modern-missing-client-capability"] }],
  ["capability-error-as-invalid-params", { failed: ["modern-missing-client-capability"] }],
  ["capability-error-without-data", { failed: ["modern-missing-client-capability"] }],
  // Spec-legal: requiredCapabilities names the form mode, and data carries more than it.
  ["capability-error-form-mode", {}],
  ["modern-only-get-200", { warning: ["modern-only-get-405"] }, "modern"],
  ["get-404", { failed: ["legacy-get-stream-or-405"] }],
  // Spec-legal variants (no verdict may change): 405 for GET, opaque event ids, a resumption that replays nothing.
  ["get-405", {}],
  ["opaque-event-ids", {}],
  ["resume-without-replay", {}],
  ["per-stream-event-ids", { failed: ["legacy-event-ids-unique"] }],
  ["replays-every-stream", { failed: ["legacy-resume-own-stream"] }],
  // Without the priming event the GET stream has no id to resume from, so the retry probe is skipped.
  ["no-priming-event", { warning: ["legacy-sse-priming"] }],
  ["no-retry", { warning: ["legacy-sse-retry"] }],
  ["batch-refused-2025-03-26", { failed: ["legacy-batches-by-revision"] }],
  ["batch-error-in-200", { failed: ["legacy-batches-by-revision"] }],
  ["batch-notifications-accepted", {}],
  ["parse-error-as-invalid-request", { failed: ["streamable-parse-error"] }],
  ["parse-error-200", { warning: ["streamable-parse-error"] }],
  ["invalid-request-as-internal-error", { failed: ["streamable-invalid-request"] }],
  ["unknown-method-200-modern", { failed: ["streamable-method-not-found"] }],
  ["invalid-params-as-internal-error", { failed: ["streamable-invalid-params"] }],
  ["sse-unknown-field", { failed: ["streamable-sse-framing"] }],
  ["modern-request-on-stream", { failed: ["modern-no-server-requests"] }],
  ["oversize-waits-for-body", { warning: ["streamable-oversize-413"] }],
  // Behaviour no revision states: what the INFO checks observe changes, and nothing fails.
  ["accept-json-only-406", { observed: { "streamable-accept-json-only": "got 406" } }],
  ["text-plain-read-as-json", { observed: { "streamable-content-type-text-plain": "got 200" } }],
  // Vendor profiles: Spice's /v1/mcp holds the statuses its runtime documents as MUSTs.
  ["spice-missing-session-400", { failed: ["spice-mcp-missing-session-404"] }, "both", SPICE],
  ["spice-delete-200", { failed: ["spice-mcp-delete-204"] }, "both", SPICE],
  // What only warns on a generic server (oversize-waits-for-body) fails the Spice profile's 413 MUST.
  ["spice-oversize-waits-for-body", { failed: ["spice-mcp-oversize-413"] }, "both", SPICE],
  // Spice with an API key (the run sends it as X-API-Key): a key that is not enforced, a 401 no client can read, and a spec-legal 401.
  ["spice-accepts-any-api-key", { failed: ["spice-mcp-api-key"] }, "both", SPICE, { apiKey: true }],
  ["spice-401-plain-text", { failed: ["spice-mcp-api-key"] }, "both", SPICE, { apiKey: true }],
  ["spice-401-with-challenge", {}, "both", SPICE, { apiKey: true }],
  // /mcp with an API key (the run sends it as X-API-Key): credentials not enforced, a refusal answered 200, and two spec-legal refusals (the 200 on a 2025-only /mcp, so the initialize probe is proven able to fail too).
  ["ignores-credentials", { failed: ["streamable-auth-enforced"] }, "both", undefined, { apiKey: true }],
  ["unauthorized-as-200", { failed: ["streamable-auth-enforced"] }, "legacy", undefined, { apiKey: true }],
  ["unauthorized-as-403", {}, "both", undefined, { apiKey: true }],
  ["unauthorized-with-challenge", {}, "both", undefined, { apiKey: true }],
  ["opensearch-sse-only-406", { failed: ["opensearch-mcp-json-only"], deviation: OPENSEARCH_DEVIATIONS.filter((id) => id !== "opensearch-mcp-json-only") }, "both", OPENSEARCH],
  // Spec-legal: error answers as SSE streams, and CRLF line ends on every stream.
  ["errors-as-sse", {}],
  ["sse-crlf", {}],
];
