/**
 * The MCP server registry (Letta's `/v1/mcp-servers`): an embedded SQLite store of upstream MCP
 * servers, HTTP routes to manage them and run their tools, and a ToolSource that exposes their
 * tools on the session endpoints. The app mounts `routes` and adds `tools` to its sources.
 */
import { resolve } from "node:path";
import type { RouteHandler } from "../http/route-handler.js";
import type { ToolSource } from "../tools/tool-source.js";
import { ArgumentValidator } from "./argument-validator.js";
import { openDatabase } from "./database.js";
import { toRegistryLogger, type LoggerOption } from "./logger.js";
import { RegistryService } from "./registry-service.js";
import { createRegistryToolSource } from "./registry-tool-source.js";
import { createRegistryRoutes } from "./routes.js";
import { openSecretBox } from "./secret-sealing.js";
import { ServerStore } from "./server-store.js";
import { OperatorGate } from "./operator-gate.js";
import { StdioAllowlist, StdioPolicyError } from "./stdio-allowlist.js";
import { ToolStore } from "./tool-store.js";
import { UpstreamHostPolicy, type UpstreamLookup } from "./upstream-host-policy.js";
import { UpstreamPool } from "./upstream-pool.js";
import { ToolListChanges } from "../tools/tool-list-changes.js";

export type { LoggerOption, RegistryLogger } from "./logger.js";
export { REGISTRY_PREFIX } from "./routes.js";
export { StdioPolicyError } from "./stdio-allowlist.js";
export { parseSecretKey, SecretKeyError } from "./secret-box.js";
export { normalizeUpstreamHost, type ResolvedAddress, type UpstreamLookup } from "./upstream-host-policy.js";

/** Where the database lives unless told otherwise (relative to the working directory). */
export const DEFAULT_DATABASE_PATH = "./data/registry.db";
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** The largest upstream answer (or event of an upstream's stream) read: 4 MiB, as the gateway's own body limit. */
export const DEFAULT_MAX_UPSTREAM_ANSWER_BYTES = 4 * 1024 * 1024;

export interface RegistryOptions {
  /** SQLite file (parents created), or `:memory:`. Default `./data/registry.db`. */
  readonly databasePath?: string;
  /**
   * stdio programs that may be spawned: names (looked up once on this process's PATH), absolute
   * paths, or templates `NAME=PROGRAM ARG…` (see stdio-allowlist.ts).
   */
  readonly stdioAllowlist?: readonly string[];
  /** Directories whose files an allowed interpreter may run as its script. */
  readonly stdioScriptDirs?: readonly string[];
  /** Let registrations pass interpreter code flags (`node -e`, `python -c`): that allows any code. */
  readonly stdioAllowCodeFlags?: boolean;
  /** Working directory of every stdio child (default: the filesystem root). */
  readonly stdioCwd?: string;
  /**
   * Hosts an SSE or Streamable HTTP upstream may be reached at although they are, or resolve to,
   * loopback, link-local, private, unique-local or other special-purpose addresses (refused by
   * default): host names or IP literals, matched against the URL's host.
   */
  readonly upstreamHostAllowlist?: readonly string[];
  /** Resolves upstream host names (default `dns.lookup`); tests inject a resolver of their own. */
  readonly upstreamLookup?: UpstreamLookup;
  /** Bound on reaching an upstream and the MCP handshake; past it, 504. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /**
   * Bound on one upstream answer, or one event of an upstream's stream, in bytes; past it the
   * answer is dropped and the call fails (502, or an `isError` result). Default 4 MiB.
   */
  readonly maxUpstreamAnswerBytes?: number;
  /** Bound on each upstream `tools/list` page and `tools/call`; past it, 504. Default 60 s. */
  readonly callTimeoutMs?: number;
  /**
   * Operator tokens (`Authorization: Bearer`): the only credential that creates, updates, deletes,
   * refreshes or runs. Empty = the registry is read-only (and stdio servers cannot be allowed).
   */
  readonly adminTokens?: readonly string[];
  /**
   * Whether every caller of the MCP endpoints has proven a credential (the app requires one). Only
   * then are stored upstream secrets lent to their calls; an anonymous caller's call to a server
   * holding one fails instead. Default false.
   */
  readonly callersAuthenticated?: boolean;
  /**
   * The 32-byte key that seals stored secrets (AES-256-GCM). Default: the key file `<db>.key`,
   * generated 0600 on first start; a fresh key for `:memory:`.
   */
  readonly secretKey?: Uint8Array;
  /** The key the database was sealed with before: its values are re-sealed under `secretKey` at start. */
  readonly previousSecretKey?: Uint8Array;
  /** Leveled logger or a line function (default: lines on stderr). Messages never contain secrets. */
  readonly logger?: LoggerOption;
}

export interface Registry {
  /** Handles `/v1/mcp-servers…`; resolves false for any other path. */
  readonly routes: RouteHandler;
  /** The registered servers' tools, for the session endpoints. */
  readonly tools: ToolSource;
  /** Closes every upstream connection (reaping stdio children), then the database. */
  close(): Promise<void>;
}

export function createRegistry(options: RegistryOptions = {}): Registry {
  const logger = toRegistryLogger(options.logger);
  const gate = new OperatorGate(options.adminTokens ?? []);
  if ((options.stdioAllowlist ?? []).length > 0 && !gate.configured) {
    // Allowing a program lets whoever registers run it: that must never be an anonymous caller.
    throw new StdioPolicyError(
      "--allow-stdio needs an operator credential: start the server with --admin-token <token> (or ADMIN_TOKENS) as well, so only the operator can register stdio servers.",
    );
  }
  const hosts = new UpstreamHostPolicy({ allow: options.upstreamHostAllowlist ?? [], lookup: options.upstreamLookup });
  const path = options.databasePath ?? DEFAULT_DATABASE_PATH;
  // Resolved before the database opens: a bad entry is the operator's to fix and nothing is left open.
  const stdio = new StdioAllowlist({
    allow: options.stdioAllowlist ?? [],
    ...(options.stdioScriptDirs ? { scriptDirs: options.stdioScriptDirs } : {}),
    ...(options.stdioAllowCodeFlags !== undefined ? { allowCodeFlags: options.stdioAllowCodeFlags } : {}),
    ...(options.stdioCwd !== undefined ? { cwd: options.stdioCwd } : {}),
  });
  const databasePath = path === ":memory:" ? path : resolve(path);
  const db = openDatabase(databasePath);
  let box;
  try {
    box = openSecretBox(db, databasePath, { secretKey: options.secretKey, previousSecretKey: options.previousSecretKey });
  } catch (error) {
    db.close();
    throw error;
  }
  const servers = new ServerStore(db, box);
  const toolStore = new ToolStore(db);
  const upstreams = new UpstreamPool({
    connectTimeoutMs: positive(options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, "connectTimeoutMs"),
    callTimeoutMs: positive(options.callTimeoutMs, DEFAULT_CALL_TIMEOUT_MS, "callTimeoutMs"),
    logger,
    stdio,
    hosts,
    maxAnswerBytes: positive(options.maxUpstreamAnswerBytes, DEFAULT_MAX_UPSTREAM_ANSWER_BYTES, "maxUpstreamAnswerBytes", "bytes"),
  });
  const toolListChanges = new ToolListChanges();
  const service = new RegistryService({
    servers,
    tools: toolStore,
    upstreams,
    allowlist: stdio,
    hosts,
    validator: new ArgumentValidator(logger),
    logger,
    toolListChanges,
  });
  let closed: Promise<void> | undefined;
  return {
    routes: createRegistryRoutes(service, gate, logger),
    tools: createRegistryToolSource(service, servers, toolStore, logger, options.callersAuthenticated === true, toolListChanges),
    close: () =>
      (closed ??= upstreams.close().finally(() => {
        db.close();
      })),
  };
}

function positive(value: number | undefined, fallback: number, name: string, unit = "milliseconds"): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of ${unit}, got ${value}.`);
  return value;
}
