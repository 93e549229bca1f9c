/**
 * The defect cases: each names a fixture defect, the verdicts it must produce, and optionally the
 * fixture's dialect/options and run overrides. Every check appears in at least one case
 * (coverage.test.ts), so every check is proven able to fail.
 */
import type { DefectCase } from "./defect-cases.js";

/** Defects in the stream, the endpoint event and the HTTP statuses. */
export const TRANSPORT_CASES: readonly DefectCase[] = [

  ["wrong-content-type", { failed: ["sse-response-headers"] }],
  ["no-cache-control", { warning: ["sse-cache-control"] }],
  ["event-before-endpoint", { failed: ["sse-endpoint-first"] }],
  ["slow-endpoint", { failed: ["sse-endpoint-prompt"] }, {}, { only: ["sse-endpoint-prompt"], timeoutMs: 2000 }],
  ["bad-retry", { failed: ["sse-framing"] }],
  ["message-not-json", { failed: ["sse-message-data-json"] }],
  ["no-keepalive", { warning: ["sse-keepalive"] }, {}, { keepaliveWaitMs: 300 }],
  ["no-session-id", { failed: ["endpoint-session-id"] }],
  ["foreign-origin-endpoint", { failed: ["endpoint-same-origin"] }],
  ["endpoint-path-404", { failed: ["endpoint-resolves"] }],
  ["opensearch-no-root-message-path", { failed: ["endpoint-resolves"] }, { dialect: "opensearch" }],
  ["sequential-session-ids", { failed: ["session-id-unpredictable"] }],
  ["post-200-instead-of-202", { failed: ["post-request-accepted"] }],
  ["notification-status-200", { failed: ["post-notification-accepted"] }],
  ["answers-notifications", { failed: ["post-notification-accepted", "jsonrpc-notification-unanswered"] }],
  ["missing-session-404", { failed: ["post-missing-session-400"] }],
  // A server that answers 400 for sessions it does not know also answers 400 once a session closed.
  ["unknown-session-400", { failed: ["post-unknown-session-404", "post-closed-session-404"] }],
  ["keeps-closed-sessions", { failed: ["post-closed-session-404"] }],
  ["ignores-content-length", { failed: ["post-oversize-413"] }],
  ["reads-whole-chunked-body", { warning: ["post-oversize-chunked-413"] }],
  ["limit-too-small", { failed: ["post-under-limit-accepted"] }],
  ["accepts-text-plain", { warning: ["post-content-type"] }],
];

/** Defects in JSON-RPC and MCP answers, security and the dialects. */
export const PROTOCOL_CASES: readonly DefectCase[] = [
  ["parse-error-bare-400", { failed: ["jsonrpc-parse-error"] }],
  ["accepts-jsonrpc-1.0", { failed: ["jsonrpc-invalid-request"] }],
  ["unknown-method-32600", { failed: ["jsonrpc-method-not-found"] }],
  ["tools-call-no-name-32603", { failed: ["jsonrpc-invalid-params"] }],
  ["accepts-wrong-arg-types", { warning: ["jsonrpc-invalid-params"] }],
  ["empty-error-message", { failed: ["jsonrpc-error-shape"] }],
  ["numeric-id-as-string", { failed: ["jsonrpc-id-echo"] }],
  ["broadcast-answers", { failed: ["jsonrpc-session-isolation"] }],
  ["stops-after-20-requests", { failed: ["jsonrpc-concurrency"] }],
  ["stack-in-internal-error", { failed: ["jsonrpc-internal-error-no-stack"] }],
  ["initialize-missing-serverinfo", { failed: ["mcp-initialize"] }],
  ["echoes-unknown-version", { failed: ["mcp-version-negotiation"] }],
  ["ping-result-not-empty", { failed: ["mcp-ping"] }],
  ["tool-schema-invalid", { failed: ["mcp-tools-list"] }],
  ["tools-call-not-found", { failed: ["mcp-tools-call"] }],
  ["ignores-origin", { failed: ["security-origin-refused"] }],
  [
    "accepts-any-api-key",
    { failed: ["security-auth-enforced"] },
    { apiKey: "secret-key" },
    { headers: { "X-API-Key": "secret-key" }, credentialHeaders: ["x-api-key"] },
  ],
  ["celonis-requires-session", { failed: ["celonis-sync-answer"] }, { dialect: "celonis" }],
  ["unknown-asset-plain-404", { failed: ["celonis-unknown-asset-404"] }, { dialect: "celonis" }],
  ["rate-limit-jsonrpc-error", { warning: ["celonis-rate-limit-shape"] }, { dialect: "celonis", rateLimit: 5 }, { rateLimit: 5, only: ["celonis-rate-limit-shape"] }],
  ["ignores-append-to-base-url", { failed: ["opensearch-append-to-base-url"] }, { dialect: "opensearch" }],
  ["post-never-answers", { failed: ["endpoint-resolves"] }],
];
