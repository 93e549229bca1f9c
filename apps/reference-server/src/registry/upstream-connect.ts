/**
 * Opens one upstream connection: builds the transport, runs the MCP handshake under the connect
 * bound, and closes everything it started when that fails, so no stdio child outlives a failed
 * connect. Failures are thrown, not logged: whoever reports them to a caller logs them once.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RegistryLogger } from "./logger.js";
import { scrubSecrets } from "./secret-scrubber.js";
import { secretsOf, type StoredServer } from "./stored-server.js";
import { toUpstreamFailure, UpstreamFailure } from "./upstream-failure.js";
import { createUpstreamTransport, type TransportPolicy, type UpstreamTransport } from "./upstream-transport.js";

/** A live connection to one upstream. */
export interface UpstreamConnection {
  readonly client: Client;
  readonly upstream: UpstreamTransport;
}

export interface ConnectOptions extends TransportPolicy {
  readonly connectTimeoutMs: number;
  readonly logger: RegistryLogger;
  /** Called with the client before it connects, so its owner can close it whatever happens. */
  readonly opened: (client: Client) => void;
  /** Called once the connection has closed, for any reason (crash, close, upstream gone). */
  readonly closed: (client: Client) => void;
}

export async function connectUpstream(server: StoredServer, options: ConnectOptions): Promise<UpstreamConnection> {
  const { connectTimeoutMs, logger } = options;
  const name = server.server_name;
  const scrub = (text: string): string => scrubSecrets(text, secretsOf(server));
  const upstream = createUpstreamTransport(server, options);
  const client = new Client({ name: "mcp-contract-registry", version: "0.1.0" });
  options.opened(client);
  client.onclose = () => options.closed(client);
  let timer: NodeJS.Timeout | undefined;
  // The SDK's own timeout covers `initialize` only; this bound also covers the spawn and the SSE
  // stream's endpoint event, which a hung upstream may never send.
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const message = `Upstream '${name}' did not complete the MCP handshake within ${connectTimeoutMs} ms.`;
      reject(new UpstreamFailure("timeout", message, true));
    }, connectTimeoutMs);
  });
  try {
    await Promise.race([client.connect(upstream.transport, { timeout: connectTimeoutMs }), deadline]);
  } catch (error) {
    await client.close().catch(() => undefined);
    options.closed(client);
    const failure = toUpstreamFailure(error, {
      serverName: name,
      what: "initialize",
      timeoutMs: connectTimeoutMs,
      scrub,
      diagnostics: upstream.diagnostics(),
    });
    throw failure;
  } finally {
    clearTimeout(timer);
  }
  // Set only now: during the handshake the same errors reject connect() and are reported there.
  client.onerror = (error) => logger.warn(scrub(`Upstream '${name}': ${error.message}`));
  const pid = upstream.pid();
  logger.info(`Connected to upstream '${name}'${pid === null ? "" : ` (pid ${pid})`}.`);
  return { client, upstream };
}
