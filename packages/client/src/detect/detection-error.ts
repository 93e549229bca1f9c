/**
 * Turns a detection that found nothing into the one error a caller sees: its message names every
 * step tried and what each got; `trace` holds the evidence.
 */
import { McpTransportError, type McpTransportErrorKind } from "../mcp-transport-error.js";
import type { DetectedServer, Detection, DetectionStop } from "./detection-types.js";

const KIND_OF_STOP: Record<DetectionStop, McpTransportErrorKind> = {
  network: "network",
  timeout: "timeout",
  auth: "http-status",
  aborted: "aborted",
  unrecognised: "unrecognised-server",
};

/** The error for a detection without a server. */
export function detectionError(detection: Detection): McpTransportError {
  const stop = detection.stop ?? "unrecognised";
  const last = detection.trace.at(-1);
  return new McpTransportError(KIND_OF_STOP[stop], detection.summary, {
    status: stop === "auth" ? last?.status : undefined,
    trace: detection.trace,
    cause: detection,
  });
}

/** The server detection found, or the error that names what was tried. */
export function detectedServer(detection: Detection): DetectedServer {
  if (detection.server) return detection.server;
  throw detectionError(detection);
}
