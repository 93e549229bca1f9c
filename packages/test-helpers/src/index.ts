/** Test tools shared by the workspaces: real servers on port 0, child servers, SSE readers, the wire check. */
export { startServer } from "./start-server.js";
export type { RunningServer, StartServerOptions } from "./start-server.js";
export { spawnWithUrl } from "./spawn-with-url.js";
export type { SpawnedServer, SpawnWithUrlOptions } from "./spawn-with-url.js";
export { openSseStream } from "./sse-stream.js";
export type { SseEvent, SseStream } from "./sse-stream.js";
export { boundServer } from "./bound-server.js";
export { recordWireContract } from "./wire-contract/recorder.js";
export { assertNoWireViolations, takeWireViolations } from "./wire-contract/store.js";
export type { WireViolation } from "./wire-contract/exchange-check.js";
export { median } from "./median.js";
