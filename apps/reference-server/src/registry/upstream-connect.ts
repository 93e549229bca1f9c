/**
 * Opens one upstream connection under the connect bound, and closes everything it started when
 * that fails, so no stdio child or socket outlives a failed connect. stdio and SSE upstreams go
 * through the MCP SDK's Client; Streamable HTTP upstreams through `@mcp-contract/client`'s
 * `connect`, which finds the era (2026-07-28, a 2025 session, stateless) the way the
 * specification says. Both HTTP clients dial through the guarded fetch (guarded-fetch.ts). Failures
 * are thrown, not logged: whoever reports them to a caller logs them once.
 */
import { connect } from "@mcp-contract/client";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createGuardedFetch } from "./guarded-fetch.js";
import type { RegistryLogger } from "./logger.js";
import { scrubSecrets } from "./secret-scrubber.js";
import { secretsOf, type StoredServer } from "./stored-server.js";
import { toUpstreamFailure, UpstreamFailure } from "./upstream-failure.js";
import { contractSession, sdkSession, type UpstreamSession } from "./upstream-session.js";
import { createUpstreamTransport, upstreamHeaders, type TransportPolicy } from "./upstream-transport.js";

const CLIENT_INFO = { name: "mcp-contract-registry", version: "0.1.0" };

/** A live connection to one upstream. */
export interface UpstreamConnection {
  readonly session: UpstreamSession;
}

export interface ConnectOptions extends TransportPolicy {
  readonly connectTimeoutMs: number;
  readonly callTimeoutMs: number;
  readonly logger: RegistryLogger;
  /** Called with something closable before connecting, so its owner can close it whatever happens. */
  readonly opened: (live: { close(): Promise<void> }) => void;
  /** Called once the connection has closed, for any reason (crash, close, upstream gone). */
  readonly closed: (live: { close(): Promise<void> }) => void;
}

export async function connectUpstream(server: StoredServer, options: ConnectOptions): Promise<UpstreamConnection> {
  const session =
    server.mcp_server_type === "streamable_http" ? await connectStreamable(server, server.server_url, options) : await connectWithSdk(server, options);
  const pid = session.pid();
  options.logger.info(`Connected to upstream '${server.server_name}'${pid === null ? "" : ` (pid ${pid})`}.`);
  return { session };
}

function failureOf(
  server: StoredServer,
  error: unknown,
  options: ConnectOptions,
  upstream: { diagnostics?: string; guarded: Error | undefined; remote: boolean },
): UpstreamFailure {
  return toUpstreamFailure(error, {
    serverName: server.server_name,
    what: "initialize",
    timeoutMs: options.connectTimeoutMs,
    maxAnswerBytes: options.maxAnswerBytes,
    scrub: (text) => scrubSecrets(text, secretsOf(server)),
    ...upstream,
  });
}

async function connectStreamable(server: StoredServer, url: string, options: ConnectOptions): Promise<UpstreamSession> {
  const { connectTimeoutMs } = options;
  const signal = AbortSignal.timeout(connectTimeoutMs);
  const guarded = createGuardedFetch(options.hosts);
  let live: { close(): Promise<void> } | undefined;
  try {
    const session = await connect(url, {
      fetch: guarded.fetch,
      headers: upstreamHeaders(server),
      clientInfo: CLIENT_INFO,
      detectTimeoutMs: connectTimeoutMs,
      requestTimeoutMs: options.callTimeoutMs,
      maxMessageBytes: options.maxAnswerBytes,
      // What a gateway asks of an upstream is request and answer: no standing GET stream.
      getStream: false,
      signal,
    });
    live = session;
    options.opened(session);
    void session.ended.then(async () => {
      await guarded.close();
      options.closed(session);
    });
    return contractSession(session, guarded.refusal);
  } catch (error) {
    if (live) await live.close().catch(() => undefined);
    await guarded.close();
    const refusal = guarded.refusal();
    if (signal.aborted && !refusal) {
      throw new UpstreamFailure("timeout", `Upstream '${server.server_name}' did not complete the MCP handshake within ${connectTimeoutMs} ms.`, true);
    }
    throw failureOf(server, error, options, { guarded: refusal, remote: true });
  }
}

async function connectWithSdk(server: StoredServer, options: ConnectOptions): Promise<UpstreamSession> {
  const { connectTimeoutMs, logger } = options;
  const name = server.server_name;
  const scrub = (text: string): string => scrubSecrets(text, secretsOf(server));
  const client = new Client(CLIENT_INFO);
  let streamEnd: Error | undefined;
  const upstream = createUpstreamTransport(server, options, (reason) => {
    streamEnd ??= reason;
    // The SDK would reconnect and leave the calls in flight to their timeout: ending the
    // connection fails them now, saying why; the next use connects again.
    void client.close().catch(() => undefined);
  });
  const guarded = (): Error | undefined => upstream.refusal() ?? streamEnd;
  options.opened(client);
  client.onclose = () => {
    void upstream.release();
    options.closed(client);
  };
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
    await upstream.release();
    options.closed(client);
    throw failureOf(server, error, options, { diagnostics: upstream.diagnostics(), guarded: guarded(), remote: upstream.remote });
  } finally {
    clearTimeout(timer);
  }
  // Set only now: during the handshake the same errors reject connect() and are reported there.
  client.onerror = (error) => logger.warn(scrub(`Upstream '${name}': ${error.message}`));
  return sdkSession(client, { ...upstream, diagnostics: upstream.diagnostics, pid: upstream.pid, guarded });
}
