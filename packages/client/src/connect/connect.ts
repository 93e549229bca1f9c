/**
 * `connect(url)`: finds out which MCP transport is behind a URL (or takes the one it is told),
 * opens it, performs that era's opening (`server/discover`, or `initialize`), and returns one
 * session whatever the transport. A server that answers in no known way gets one error that
 * names each detection step and its status.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility
 */
import {
  META_KEY,
  type DiscoverResult,
  type Implementation,
  type InitializeResult,
} from "@mcp-contract/api-types";
import { DEFAULT_CLIENT_INFO } from "../client-info.js";
import { detectEra } from "../detect/detect-era.js";
import { detectedServer } from "../detect/detection-error.js";
import type { Detection } from "../detect/detection-types.js";
import { openSession } from "../open-session.js";
import { LEGACY_PROTOCOL_VERSION } from "../protocol-versions.js";
import type { SessionOptions } from "../session-options.js";
import { ModernTransport, type ClientCapabilities } from "../streamable/modern-transport.js";
import { StatefulTransport, type ExistingSession } from "../streamable/stateful-transport.js";
import type { StreamableOptions } from "../streamable/streamable-transport.js";
import { ConnectedSession, type ConnectionInfo } from "./connected-session.js";

/** Which transport to use: found by detection (`"auto"`, the default), or forced. */
export type ConnectTransport = "auto" | "streamable-http-modern" | "streamable-http-stateful" | "http+sse";

export interface ConnectOptions extends StreamableOptions, SessionOptions {
  readonly transport?: ConnectTransport | undefined;
  readonly clientInfo?: Implementation | undefined;
  readonly clientCapabilities?: ClientCapabilities | undefined;
  /** The modern revision to ask for (default 2026-07-28). */
  readonly modernProtocolVersion?: string | undefined;
  /** The revision `initialize` asks for (default 2025-11-25). */
  readonly legacyProtocolVersion?: string | undefined;
  /** The time bound of each detection step (default 3 s). */
  readonly detectTimeoutMs?: number | undefined;
  /** For 2025 sessions: open the GET stream (default true). */
  readonly getStream?: boolean | undefined;
}

const serverInfoOf = (result: DiscoverResult): Implementation | undefined =>
  (result._meta as Record<string, unknown> | undefined)?.[META_KEY.SERVER_INFO] as Implementation | undefined;

/**
 * Runs an era's opening on a transport just made, and closes the transport when the opening
 * fails, so a failed connect leaves no session or stream behind.
 */
async function openedOrClosed(close: () => Promise<void>, open: () => Promise<ConnectedSession>): Promise<ConnectedSession> {
  try {
    return await open();
  } catch (error) {
    await close();
    throw error;
  }
}

/** What a 2025 opening (either transport's `initialize`) tells the caller. */
function legacyInfo(initializeResult: InitializeResult, detection: Detection | undefined): ConnectionInfo {
  return {
    era: "legacy",
    protocolVersion: initializeResult.protocolVersion,
    serverInfo: initializeResult.serverInfo,
    discoverResult: undefined,
    initializeResult,
    detection,
  };
}

function openModern(url: URL, options: ConnectOptions, detection: Detection | undefined, discovered?: DiscoverResult): Promise<ConnectedSession> {
  const transport = new ModernTransport(url, { ...options, protocolVersion: options.modernProtocolVersion });
  return openedOrClosed(
    () => transport.close(),
    async () => {
      const discoverResult = discovered ?? (await transport.discover({ signal: options.signal }));
      const info: ConnectionInfo = {
        era: "modern",
        protocolVersion: transport.protocolVersion,
        serverInfo: serverInfoOf(discoverResult),
        discoverResult,
        initializeResult: undefined,
        detection,
      };
      return new ConnectedSession(transport, info);
    },
  );
}

function openStateful(url: URL, options: ConnectOptions, detection: Detection | undefined, existing?: ExistingSession): Promise<ConnectedSession> {
  const transport = new StatefulTransport(url, { ...options, protocolVersion: options.legacyProtocolVersion });
  return openedOrClosed(
    () => transport.close(),
    async () => new ConnectedSession(transport, legacyInfo(await transport.open(existing, { signal: options.signal }), detection)),
  );
}

async function openSse(url: URL, options: ConnectOptions, detection: Detection | undefined): Promise<ConnectedSession> {
  const sse = await openSession(url, options);
  return openedOrClosed(
    () => sse.close(),
    async () => {
      const clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
      const version = options.legacyProtocolVersion ?? LEGACY_PROTOCOL_VERSION;
      const initializeResult = await sse.initialize(clientInfo, version, { signal: options.signal });
      return new ConnectedSession(sse.transport, legacyInfo(initializeResult, detection));
    },
  );
}

/**
 * Connects to the MCP server at `url`. Rejects with `McpTransportError("unrecognised-server")`
 * (or `network`, `http-status` for credentials, `aborted`) whose message lists each detection
 * step and its status, and whose `trace` holds them, when nothing MCP answers.
 * @example
 * const session = await connect("http://127.0.0.1:8090/mcp");
 * console.log(session.info.era, session.transport.name, session.info.protocolVersion);
 */
export async function connect(url: string | URL, options: ConnectOptions = {}): Promise<ConnectedSession> {
  const target = new URL(url);
  const forced = options.transport ?? "auto";
  if (forced === "streamable-http-modern") return openModern(target, options, undefined);
  if (forced === "streamable-http-stateful") return openStateful(target, options, undefined);
  if (forced === "http+sse") return openSse(target, options, undefined);

  const detection = await detectEra(target, {
    ...options,
    timeoutMs: options.detectTimeoutMs,
    probeDualEra: false,
    keepSession: true,
    clientInfo: options.clientInfo,
    modernProtocolVersion: options.modernProtocolVersion,
    legacyProtocolVersion: options.legacyProtocolVersion,
  });
  const server = detectedServer(detection);
  if (server.era === "modern") {
    return openModern(target, options, detection, server.discoverResult as DiscoverResult | undefined);
  }
  if (server.transport === "streamable-http") {
    // Detection's own initialize is taken over, so the server sees one handshake.
    const existing: ExistingSession = {
      sessionId: server.sessionId,
      protocolVersion: server.protocolVersion,
      initializeResult: server.initializeResult as InitializeResult,
    };
    return openStateful(target, options, detection, existing);
  }
  return openSse(target, options, detection);
}
