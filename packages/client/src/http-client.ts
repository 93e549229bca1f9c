/**
 * Typed HTTP clients for the registry and message APIs: openapi-fetch's `createClient` over the
 * generated `paths`, so paths, parameters, bodies, results and error bodies all come from the specs.
 * @see https://openapi-ts.dev/openapi-fetch/
 */
import type { MessagePaths, RegistryPaths } from "@mcp-contract/api-types";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { credentialHeaders, type ConnectionOptions } from "./connection-options.js";

/** Where the API lives, plus credentials and transport options. */
export interface HttpClientOptions extends ConnectionOptions {
  /** The server's origin (and path prefix, if any), e.g. `http://127.0.0.1:8090`. */
  readonly baseUrl: string;
}

/** The registry API client (`/v1/mcp-servers`). Errors are typed as the spec's `ApiError`. */
export type RegistryClient = Client<RegistryPaths>;

/** The message API client (the dialects' POSTs). Errors are `TransportError`, `{detail}` or text. */
export type MessageClient = Client<MessagePaths>;

/**
 * Adds `X-API-Key` / `Authorization` to every request unless the call set them itself. Done as
 * middleware, not default headers, so a per-call header can still override the credential.
 */
export function credentialsMiddleware(options: ConnectionOptions): Middleware {
  const credentials = credentialHeaders(options);
  return {
    onRequest({ request }) {
      for (const [name, value] of credentials) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      return request;
    },
  };
}

function create<Paths extends {}>(options: HttpClientOptions): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    ...(options.fetch && { fetch: options.fetch }),
  });
  client.use(credentialsMiddleware(options));
  return client;
}

/**
 * A typed client for the MCP server registry.
 * @example
 * const registry = createRegistryClient({ baseUrl, apiKey });
 * const { data, error } = await registry.GET("/v1/mcp-servers/{mcp_server_id}", {
 *   params: { path: { mcp_server_id: id } },
 * });
 */
export function createRegistryClient(options: HttpClientOptions): RegistryClient {
  return create<RegistryPaths>(options);
}

/**
 * A typed client for the message API: one-shot POSTs such as the synchronous Celonis dialect. For
 * the SSE dialects, whose answers arrive on a stream, use `openSession` instead.
 */
export function createMessageClient(options: HttpClientOptions): MessageClient {
  return create<MessagePaths>(options);
}
