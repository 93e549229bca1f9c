/**
 * `@mcp-contract/client/detect`: era detection on its own, for the client's `connect` and for the
 * conformance runner, which reports the trace as evidence.
 */
export { detectEra, summarize, DEFAULT_DETECT_TIMEOUT_MS } from "./detect-era.js";
export type { DetectOptions } from "./detect-era.js";
export { detectionError, detectedServer } from "./detection-error.js";
export type { Detection, DetectedServer, DetectionStop, ModernServer, LegacyStreamableServer, SseServer } from "./detection-types.js";
export type { ProbeStep, ProbeStepName, ProbeRequest } from "./probe-step.js";
export { MODERN_ERROR_CODES, discoverRequest } from "./modern-probe.js";
export type { JsonObject } from "./json-rpc-answer.js";
export {
  MODERN_PROTOCOL_VERSION,
  MODERN_PROTOCOL_VERSIONS,
  LEGACY_PROTOCOL_VERSION,
  LEGACY_PROTOCOL_VERSIONS,
} from "../protocol-versions.js";
export { encodeHeaderValue, isHeaderSafe } from "../header-value.js";
