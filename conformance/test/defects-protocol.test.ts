/**
 * Every JSON-RPC, MCP, security and dialect check can fail: against a fixture with one defect in
 * its answers, the check for it fails (or warns, for a SHOULD), the checks that require it fail as
 * prerequisites, and nothing else fails with it.
 */
import { describeDefects } from "./defect-cases.js";

describeDefects("a fixture with one protocol defect", [
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
]);
