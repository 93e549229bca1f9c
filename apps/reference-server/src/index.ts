/**
 * @mcp-contract/reference-server: build the app (createApp) and plug tool sources and routes
 * into it. main.ts is the command that listens.
 */
export { createApp } from "./app.js";
export type { App, AppOptions } from "./app.js";
export { createGateway } from "./gateway.js";
export type { Gateway, GatewayOptions } from "./gateway.js";
export { createRegistry } from "./registry/index.js";
export type { Registry, RegistryOptions } from "./registry/index.js";
export { DEFAULT_CONFIG } from "./config/server-config.js";
export type { ServerConfig } from "./config/server-config.js";
export { parseConfig, ConfigError, HELP_TEXT, defaultDatabasePath } from "./config/parse-config.js";
export type { ParsedCommand } from "./config/parse-config.js";
export { HttpError, sendHttpError } from "./errors.js";
export type { ErrorDialect, HttpErrorReason, Logger } from "./errors.js";
export type { RouteHandler } from "./http/route-handler.js";
export { InvalidToolArgumentsError } from "./tools/tool-source.js";
export type { ToolSource, ToolScope, ToolCallContext } from "./tools/tool-source.js";
export { compileArgumentsCheck } from "./tools/tool-arguments.js";
export type { ArgumentsCheck } from "./tools/tool-arguments.js";
export { BUILTIN_ASSET } from "./tools/builtin-tools.js";
export { SERVER_INFO } from "./mcp/mcp-methods.js";
export {
  SPICE_PATH,
  OPENSEARCH_STREAM_PATH,
  OPENSEARCH_MESSAGE_PATH,
  OPENSEARCH_ROOT_MESSAGE_PATH,
  CELONIS_PREFIX,
  dialectUrls,
} from "./routes/paths.js";
