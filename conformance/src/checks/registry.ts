/**
 * Every built-in check, in run order. Order matters twice: a check runs after the checks it
 * requires, and the run-wide observers (which judge every message seen) run last.
 * New checks are added here; ids must stay unique and stable.
 */
import type { Check } from "../check.js";
import { sseResponseHeaders } from "./sse/sse-response-headers.js";
import { sseCacheControl } from "./sse/sse-cache-control.js";
import { sseEndpointFirst } from "./sse/sse-endpoint-first.js";
import { sseEndpointPrompt } from "./sse/sse-endpoint-prompt.js";
import { sseFraming } from "./sse/sse-framing.js";
import { sseKeepalive } from "./sse/sse-keepalive.js";
import { sseMessageDataJson } from "./sse/sse-message-data-json.js";
import { endpointSessionId } from "./endpoint/endpoint-session-id.js";
import { endpointSameOrigin } from "./endpoint/endpoint-same-origin.js";
import { endpointResolves } from "./endpoint/endpoint-resolves.js";
import { sessionIdUnpredictable } from "./endpoint/session-id-unpredictable.js";
import { postRequestAccepted } from "./message-status/post-request-accepted.js";
import { postNotificationAccepted } from "./message-status/post-notification-accepted.js";
import { postMissingSession400 } from "./message-status/post-missing-session-400.js";
import { postUnknownSession404 } from "./message-status/post-unknown-session-404.js";
import { postClosedSession404 } from "./message-status/post-closed-session-404.js";
import { postOversize413 } from "./message-status/post-oversize-413.js";
import { postOversizeChunked413 } from "./message-status/post-oversize-chunked-413.js";
import { postUnderLimitAccepted } from "./message-status/post-under-limit-accepted.js";
import { postContentType } from "./message-status/post-content-type.js";
import { streamableOrigin403 } from "./streamable/streamable-origin-403.js";
import { streamableAuthEnforced } from "./streamable/streamable-auth-enforced.js";
import { legacySessionIdVisibleAscii } from "./streamable/legacy-session-id-visible-ascii.js";
import { legacyRequestAnswer } from "./streamable/legacy-request-answer.js";
import { legacyNotification202 } from "./streamable/legacy-notification-202.js";
import { legacyInvalidProtocolVersion400 } from "./streamable/legacy-invalid-protocol-version-400.js";
import { legacyMissingSession400 } from "./streamable/legacy-missing-session-400.js";
import { legacyUnknownSession404 } from "./streamable/legacy-unknown-session-404.js";
import { legacyDeleteEndsSession } from "./streamable/legacy-delete-ends-session.js";
import { legacyGetStreamOr405 } from "./streamable/legacy-get-stream-or-405.js";
import { legacyEventIdsUnique } from "./streamable/legacy-event-ids-unique.js";
import { legacyResumeOwnStream } from "./streamable/legacy-resume-own-stream.js";
import { legacySsePriming } from "./streamable/legacy-sse-priming.js";
import { legacySseRetry } from "./streamable/legacy-sse-retry.js";
import { legacyBatchesByRevision } from "./streamable/legacy-batches-by-revision.js";
import { streamableParseError } from "./streamable/streamable-parse-error.js";
import { streamableInvalidRequest } from "./streamable/streamable-invalid-request.js";
import { streamableMethodNotFound } from "./streamable/streamable-method-not-found.js";
import { streamableInvalidParams } from "./streamable/streamable-invalid-params.js";
import { streamableSseFraming } from "./streamable/streamable-sse-framing.js";
import { streamableOversize413 } from "./streamable/streamable-oversize-413.js";
import { modernNoServerRequests } from "./streamable/modern-no-server-requests.js";
import { streamableAcceptJsonOnly } from "./streamable/streamable-accept-json-only.js";
import { streamableContentTypeTextPlain } from "./streamable/streamable-content-type-text-plain.js";
import { spiceMcpMissingSession404 } from "./spice/spice-mcp-missing-session-404.js";
import { spiceMcpDelete204 } from "./spice/spice-mcp-delete-204.js";
import { spiceMcpOversize413 } from "./spice/spice-mcp-oversize-413.js";
import { spiceMcpApiKey } from "./spice/spice-mcp-api-key.js";
import { opensearchMcpJsonOnly } from "./opensearch/opensearch-mcp-json-only.js";
import { modernDiscover } from "./streamable/modern-discover.js";
import { modernResultType } from "./streamable/modern-result-type.js";
import { modernRemovedMethod404 } from "./streamable/modern-removed-method-404.js";
import { modernHeaderMismatch } from "./streamable/modern-header-mismatch.js";
import { modernUnsupportedVersion } from "./streamable/modern-unsupported-version.js";
import { modernMissingMeta } from "./streamable/modern-missing-meta.js";
import { modernMissingClientCapability } from "./streamable/modern-missing-client-capability.js";
import { modernOnlyGet405 } from "./streamable/modern-only-get-405.js";
import { modernHeaderNameCase } from "./streamable/modern-header-name-case.js";
import { modernMcpNameBase64 } from "./streamable/modern-mcp-name-base64.js";
import { mcpInitialize } from "./mcp/mcp-initialize.js";
import { mcpVersionNegotiation } from "./mcp/mcp-version-negotiation.js";
import { mcpPing } from "./mcp/mcp-ping.js";
import { mcpToolsList } from "./mcp/mcp-tools-list.js";
import { mcpToolsCall } from "./mcp/mcp-tools-call.js";
import { jsonrpcParseError } from "./jsonrpc/jsonrpc-parse-error.js";
import { jsonrpcInvalidRequest } from "./jsonrpc/jsonrpc-invalid-request.js";
import { jsonrpcMethodNotFound } from "./jsonrpc/jsonrpc-method-not-found.js";
import { jsonrpcInvalidParams } from "./jsonrpc/jsonrpc-invalid-params.js";
import { jsonrpcIdEcho } from "./jsonrpc/jsonrpc-id-echo.js";
import { jsonrpcNotificationUnanswered } from "./jsonrpc/jsonrpc-notification-unanswered.js";
import { jsonrpcSessionIsolation } from "./jsonrpc/jsonrpc-session-isolation.js";
import { jsonrpcConcurrency } from "./jsonrpc/jsonrpc-concurrency.js";
import { jsonrpcErrorShape } from "./jsonrpc/jsonrpc-error-shape.js";
import { jsonrpcInternalErrorNoStack } from "./jsonrpc/jsonrpc-internal-error-no-stack.js";
import { securityOriginRefused } from "./security/security-origin-refused.js";
import { securityAuthEnforced } from "./security/security-auth-enforced.js";
import { celonisSyncAnswer } from "./celonis/celonis-sync-answer.js";
import { celonisUnknownAsset404 } from "./celonis/celonis-unknown-asset-404.js";
import { celonisRateLimitShape } from "./celonis/celonis-rate-limit-shape.js";
import { opensearchAppendToBaseUrl } from "./opensearch/opensearch-append-to-base-url.js";
import { registryCrudRoundTrip } from "./registry/registry-crud-round-trip.js";
import { registryUnknownId404 } from "./registry/registry-unknown-id-404.js";
import { registryDuplicateName409 } from "./registry/registry-duplicate-name-409.js";
import { registryInvalidBody422 } from "./registry/registry-invalid-body-422.js";
import { registryContentType415 } from "./registry/registry-content-type-415.js";
import { registrySecretsRedacted } from "./registry/registry-secrets-redacted.js";
import { registryRefreshUnreachable502 } from "./registry/registry-refresh-unreachable-502.js";
import { registryResponsesValid } from "./registry/registry-responses-valid.js";

/** The built-in checks in run order. */
export const allChecks: readonly Check[] = [
  sseResponseHeaders,
  sseCacheControl,
  sseEndpointFirst,
  sseEndpointPrompt,
  sseFraming,
  sseKeepalive,
  endpointSessionId,
  endpointSameOrigin,
  endpointResolves,
  sessionIdUnpredictable,
  postRequestAccepted,
  postNotificationAccepted,
  postMissingSession400,
  postUnknownSession404,
  postClosedSession404,
  postOversize413,
  postOversizeChunked413,
  postUnderLimitAccepted,
  postContentType,
  mcpInitialize,
  mcpVersionNegotiation,
  mcpPing,
  mcpToolsList,
  mcpToolsCall,
  jsonrpcParseError,
  jsonrpcInvalidRequest,
  jsonrpcMethodNotFound,
  jsonrpcInvalidParams,
  jsonrpcIdEcho,
  jsonrpcNotificationUnanswered,
  jsonrpcSessionIsolation,
  jsonrpcConcurrency,
  securityOriginRefused,
  securityAuthEnforced,
  celonisSyncAnswer,
  celonisUnknownAsset404,
  celonisRateLimitShape,
  opensearchAppendToBaseUrl,
  // Streamable HTTP: each applies to the server kinds it names (2025 sessions, 2026-07-28 modern).
  streamableOrigin403,
  streamableAuthEnforced,
  legacySessionIdVisibleAscii,
  legacyRequestAnswer,
  legacyNotification202,
  legacyInvalidProtocolVersion400,
  legacyMissingSession400,
  legacyUnknownSession404,
  legacyDeleteEndsSession,
  legacyGetStreamOr405,
  legacyEventIdsUnique,
  legacyResumeOwnStream,
  legacySsePriming,
  legacySseRetry,
  legacyBatchesByRevision,
  streamableParseError,
  streamableInvalidRequest,
  streamableMethodNotFound,
  streamableInvalidParams,
  streamableSseFraming,
  streamableOversize413,
  streamableAcceptJsonOnly,
  streamableContentTypeTextPlain,
  spiceMcpMissingSession404,
  spiceMcpDelete204,
  spiceMcpOversize413,
  spiceMcpApiKey,
  opensearchMcpJsonOnly,
  modernDiscover,
  modernResultType,
  modernRemovedMethod404,
  modernHeaderMismatch,
  modernHeaderNameCase,
  modernMcpNameBase64,
  modernUnsupportedVersion,
  modernMissingMeta,
  modernMissingClientCapability,
  modernOnlyGet405,
  modernNoServerRequests,
  registryCrudRoundTrip,
  registryUnknownId404,
  registryDuplicateName409,
  registryInvalidBody422,
  registryContentType415,
  registrySecretsRedacted,
  registryRefreshUnreachable502,
  // Judges every registry response the checks above caused.
  registryResponsesValid,
  // Run-wide observers last: they judge every message the checks above made the server send.
  sseMessageDataJson,
  jsonrpcErrorShape,
  jsonrpcInternalErrorNoStack,
];
