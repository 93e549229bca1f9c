/**
 * Every transport check can fail: against a fixture with one defect in its stream, endpoint or
 * HTTP statuses, the check for it fails (or warns, for a SHOULD), the checks that require it fail
 * as prerequisites, and nothing else fails with it.
 */
import { describeDefects } from "./defect-cases.js";

describeDefects("a fixture with one transport defect", [

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
]);
