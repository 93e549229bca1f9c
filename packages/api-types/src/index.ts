/**
 * @mcp-contract/api-types: the generated types of the session, message, registry and Streamable
 * HTTP APIs, short
 * aliases for their schemas, the bundled specs, and a validator over them.
 */
export type {
  paths as SessionPaths,
  components as SessionComponents,
  operations as SessionOperations,
} from "./generated/session.js";
export type {
  paths as MessagePaths,
  components as MessageComponents,
  operations as MessageOperations,
} from "./generated/message.js";
export type {
  paths as RegistryPaths,
  components as RegistryComponents,
  operations as RegistryOperations,
} from "./generated/registry.js";
export type {
  paths as StreamablePaths,
  components as StreamableComponents,
  operations as StreamableOperations,
} from "./generated/streamable.js";
export type * from "./aliases.js";
export { specs, sessionSpec, messageSpec, registrySpec, streamableSpec } from "./specs.js";
export type { BundledSpec, SpecName } from "./specs.js";
export { validateAgainst, schemaValidator, compileJsonSchema, failure } from "./spec-validator.js";
export type { ValidationResult, FieldFailure } from "./spec-validator.js";
export {
  JSONRPC_ERROR,
  MAX_MESSAGE_BYTES,
  SUPPORTED_PROTOCOL_VERSIONS,
  BATCH_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSIONS,
  LEGACY_STREAMABLE_PROTOCOL_VERSIONS,
  LATEST_MODERN_PROTOCOL_VERSION,
  MCP_ERROR,
  MCP_HEADER,
  META_KEY,
  MODERN_REMOVED_METHODS,
  MODERN_NAMED_METHODS,
  BASE64_SENTINEL,
} from "./protocol-constants.js";
