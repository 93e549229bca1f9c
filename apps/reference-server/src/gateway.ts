/**
 * The reference server as `npm start` runs it: the app with the MCP server registry plugged in
 * (its routes, and its upstream tools on every session endpoint). Tests build the same thing.
 */
import { createApp, type App, type AppOptions } from "./app.js";
import { DEFAULT_CONFIG } from "./config/server-config.js";
import { createRegistry, type Registry, type RegistryOptions } from "./registry/index.js";

export interface GatewayOptions extends Omit<AppOptions, "routes" | "toolSources"> {
  readonly registry?: RegistryOptions;
}

export interface Gateway {
  readonly app: App;
  readonly registry: Registry;
  /** Ends every stream and request, then closes upstream connections (reaping stdio children) and the database. */
  close(): Promise<void>;
}

export function createGateway(options: GatewayOptions = {}): Gateway {
  const { registry: registryOptions, ...appOptions } = options;
  const { apiKeys, bearerTokens, adminTokens } = { ...DEFAULT_CONFIG, ...appOptions.config };
  const registry = createRegistry({
    logger: appOptions.log,
    // The operator tokens are the app's; when any credential is configured, every MCP caller proved one.
    adminTokens,
    callersAuthenticated: apiKeys.length + bearerTokens.length + adminTokens.length > 0,
    ...registryOptions,
  });
  const app = createApp({ ...appOptions, routes: [registry.routes], toolSources: [registry.tools] });
  let closing: Promise<void> | undefined;
  return {
    app,
    registry,
    close: () => (closing ??= app.close().finally(() => registry.close())),
  };
}
