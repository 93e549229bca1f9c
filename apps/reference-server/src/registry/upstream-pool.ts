/**
 * Connections to upstream MCP servers, one per registered server, opened on first use and kept:
 * a stdio server costs a process spawn and an SSE server a long-lived stream, so connecting per
 * call would make every run pay that. A connection is closed when its server is updated or
 * deleted, when it breaks (the next use reconnects), and when the registry closes, which also
 * reaps every stdio child.
 */
import { createHash } from "node:crypto";
import type { CallToolResult, Progress, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { RegistryLogger } from "./logger.js";
import { scrubSecrets } from "./secret-scrubber.js";
import { secretsOf, type StoredServer } from "./stored-server.js";
import { connectUpstream, type UpstreamConnection } from "./upstream-connect.js";
import { toUpstreamFailure, UpstreamFailure } from "./upstream-failure.js";
import type { UpstreamSession } from "./upstream-session.js";
import { upstreamHeaders, type TransportPolicy } from "./upstream-transport.js";

/** A bound on `nextCursor` chains, so an upstream that pages forever cannot hang a refresh. */
export const MAX_TOOL_PAGES = 100;

export interface UpstreamPoolOptions extends TransportPolicy {
  /** Bound on spawning or opening the stream plus the `initialize` handshake. */
  readonly connectTimeoutMs: number;
  /** Bound on each `tools/list` page and each `tools/call`. */
  readonly callTimeoutMs: number;
  readonly logger: RegistryLogger;
}

/** What a tool call may carry besides its arguments. */
export interface UpstreamCallOptions {
  readonly signal?: AbortSignal;
  readonly onprogress?: (progress: Progress) => void;
}

interface Entry {
  readonly fingerprint: string;
  readonly ready: Promise<UpstreamConnection>;
}

export class UpstreamPool {
  readonly #options: UpstreamPoolOptions;
  readonly #entries = new Map<string, Entry>();
  /** Every connection not yet closed, connected or not, so close() reaps them all. */
  readonly #live = new Set<{ close(): Promise<void> }>();
  #closing = false;

  constructor(options: UpstreamPoolOptions) {
    this.#options = options;
  }

  /** Every tool the upstream lists, following `nextCursor`. */
  listTools(server: StoredServer): Promise<Tool[]> {
    return this.#use(server, "tools/list", undefined, async (session) => {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_TOOL_PAGES; page++) {
        const result = await session.listToolsPage(cursor, this.#options.callTimeoutMs);
        tools.push(...result.tools);
        cursor = result.nextCursor;
        if (cursor === undefined) return tools;
      }
      throw new UpstreamFailure(
        "error",
        `Upstream '${server.server_name}' returned more than ${MAX_TOOL_PAGES} pages of tools (nextCursor never ended).`,
        false,
      );
    });
  }

  /** The upstream's `tools/call` result. */
  callTool(
    server: StoredServer,
    name: string,
    args: Record<string, unknown>,
    options: UpstreamCallOptions = {},
  ): Promise<CallToolResult> {
    return this.#use(server, "tools/call", options.signal, (session) =>
      session.callTool(name, args, { timeoutMs: this.#options.callTimeoutMs, signal: options.signal, onprogress: options.onprogress }),
    );
  }

  /** Closes the server's connection (after an update or delete); the next use reconnects. */
  async drop(serverId: string): Promise<void> {
    const entry = this.#entries.get(serverId);
    if (!entry) return;
    this.#entries.delete(serverId);
    await entry.ready.then(
      (connection) => connection.session.close(),
      () => undefined,
    );
  }

  /** Closes every connection and waits until every stdio child has exited. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#entries.keys()].map((id) => this.drop(id)));
    await Promise.all([...this.#live].map((live) => live.close().catch(() => undefined)));
  }

  async #use<T>(
    server: StoredServer,
    what: string,
    signal: AbortSignal | undefined,
    call: (session: UpstreamSession) => Promise<T>,
  ): Promise<T> {
    const entry = this.#entry(server);
    const connection = await entry.ready;
    try {
      return await call(connection.session);
    } catch (error) {
      // The caller gave up (session closed): not the upstream's fault, keep the connection.
      if (signal?.aborted) throw error;
      const failure = toUpstreamFailure(error, {
        serverName: server.server_name,
        what,
        timeoutMs: this.#options.callTimeoutMs,
        scrub: (text) => scrubSecrets(text, secretsOf(server)),
        diagnostics: connection.session.diagnostics(),
        guarded: connection.session.guarded(),
        maxAnswerBytes: this.#options.maxAnswerBytes,
        remote: connection.session.remote,
      });
      if (failure.broken && this.#entries.get(server.id) === entry) await this.drop(server.id);
      throw failure;
    }
  }

  #entry(server: StoredServer): Entry {
    if (this.#closing) throw new UpstreamFailure("error", "The registry is shutting down.", false);
    const fingerprint = fingerprintOf(server);
    const existing = this.#entries.get(server.id);
    if (existing?.fingerprint === fingerprint) return existing;
    // The server changed how it is reached since this connection opened: replace it.
    if (existing) void this.drop(server.id);
    const entry: Entry = { fingerprint, ready: this.#connect(server, () => this.#forget(server.id, entry)) };
    this.#entries.set(server.id, entry);
    entry.ready.catch(() => this.#forget(server.id, entry));
    return entry;
  }

  #forget(serverId: string, entry: Entry): void {
    if (this.#entries.get(serverId) === entry) this.#entries.delete(serverId);
  }

  async #connect(server: StoredServer, onClosed: () => void): Promise<UpstreamConnection> {
    const connection = await connectUpstream(server, {
      ...this.#options,
      opened: (live) => this.#live.add(live),
      closed: (live) => {
        this.#live.delete(live);
        onClosed();
      },
    });
    if (this.#closing) {
      // close() ran while this connection was being made: it must not survive it.
      await connection.session.close();
      throw new UpstreamFailure("error", "The registry is shutting down.", false);
    }
    return connection;
  }
}

/** A digest of how the server is reached, so a changed server gets a new connection. */
function fingerprintOf(server: StoredServer): string {
  const reach =
    server.mcp_server_type === "stdio"
      ? [server.command, server.args, server.env ?? {}]
      : [server.mcp_server_type, server.server_url, upstreamHeaders(server)];
  // Hashed so the map does not hold a second copy of the secrets.
  return createHash("sha256").update(JSON.stringify(reach)).digest("hex");
}
