/**
 * Turns command-line flags and environment variables into a ServerConfig. Flags win over env for
 * single values; list values (keys, tokens, origins) from both are combined. Anything invalid is a
 * ConfigError whose message names the flag or variable and says what to write instead.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_UPSTREAM_ANSWER_BYTES,
  normalizeUpstreamHost,
  parseSecretKey,
  type RegistryOptions,
} from "../registry/index.js";
import { DEFAULT_CONFIG, type McpEras, type ServerConfig } from "./server-config.js";

/** A usage error: main.ts prints it and exits with code 2. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** What the command line asks for: run with a config, or print the help text. */
export type ParsedCommand =
  | { readonly kind: "run"; readonly config: ServerConfig; readonly registry: RegistryOptions }
  | { readonly kind: "help" };

/**
 * The registry's database unless --db says otherwise: `data/registry.db` under the directory the
 * command was started from (npm's INIT_CWD, so `npm start` at the root keeps it in the root's data/).
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv): string {
  return path.resolve(env["INIT_CWD"] ?? process.cwd(), "data", "registry.db");
}

/** The `--help` text, also the reference for the README. */
export const HELP_TEXT = `Usage: reference-server [options]

MCP over HTTP+SSE in the Spice, OpenSearch and Celonis dialects.

Options (environment variable in brackets; flags win):
  --port <n>                  TCP port, 0 = any free port [PORT] (default ${DEFAULT_CONFIG.port})
  --host <addr>               interface to listen on [HOST] (default ${DEFAULT_CONFIG.host})
  --api-key <key>             accept this X-API-Key on every MCP endpoint and registry reads;
                              repeatable [API_KEYS, comma-separated]. Prefer the env var:
                              flags are visible in the process list.
  --bearer-token <token>      accept this Bearer token (the Celonis seed's credential) like an
                              API key; repeatable [BEARER_TOKENS, comma-separated]. Once any
                              credential is configured, no MCP endpoint serves anonymous callers.
  --admin-token <token>       operator credential, sent as 'Authorization: Bearer <token>': the
                              only one that writes the registry and runs its tools directly;
                              repeatable [ADMIN_TOKENS, comma-separated]. Without one the
                              registry is read-only and --allow-stdio is refused.
  --allow-origin <origin>     allow this browser Origin besides loopback ones (* = any);
                              repeatable [ALLOWED_ORIGINS, comma-separated]
  --keep-alive-ms <ms>        keep-alive comment interval [KEEP_ALIVE_MS] (default ${DEFAULT_CONFIG.keepAliveMs})
  --headers-timeout-ms <ms>   408 for a request whose headers take longer [HEADERS_TIMEOUT_MS]
                              (default ${DEFAULT_CONFIG.headersTimeoutMs})
  --request-timeout-ms <ms>   408 for a request whose headers and body take longer; streams
                              answering it are not limited [REQUEST_TIMEOUT_MS] (default ${DEFAULT_CONFIG.requestTimeoutMs})
  --celonis-stream-ms <ms>    lifetime of a Celonis stream [CELONIS_STREAM_MS] (default ${DEFAULT_CONFIG.celonisStreamMs})
  --rate-limit-per-minute <n> tools/call per minute per Celonis asset and per SSE session,
                              0 = off [RATE_LIMIT_PER_MINUTE] (default ${DEFAULT_CONFIG.rateLimitPerMinute})
  --page-size <n>             tools per tools/list page [PAGE_SIZE] (default ${DEFAULT_CONFIG.pageSize})
  --max-batch-messages <n>    at most this many messages in one JSON-RPC batch; more is -32600
                              [MAX_BATCH_MESSAGES] (default ${DEFAULT_CONFIG.maxBatchMessages})
  --max-batch-answer-bytes <n> at most this many bytes of answers to one batch; more is one
                              -32600 [MAX_BATCH_ANSWER_BYTES] (default ${DEFAULT_CONFIG.maxBatchAnswerBytes})
  --session-idle-ms <ms>      end a Streamable HTTP session unused this long [SESSION_IDLE_MS]
                              (default ${DEFAULT_CONFIG.sessionIdleMs})
  --max-sessions <n>          at most this many Streamable HTTP sessions; past it the least
                              recently used ends [MAX_SESSIONS] (default ${DEFAULT_CONFIG.maxSessions})
  --eras <eras>               what /mcp serves: modern (2026-07-28, stateless), legacy (2025
                              sessions) or both; modern,legacy = both [ERAS] (default ${DEFAULT_CONFIG.eras})

Registry (/v1/mcp-servers):
  --db <path>                 SQLite database, or :memory: [DATABASE_PATH]
                              (default data/registry.db under the directory started from)
  --allow-stdio <entry>       stdio program that registered servers may run: a name (resolved
                              once, at start, on this server's PATH), an absolute path, or a
                              template NAME=PROGRAM ARG... (registrations name NAME and get the
                              fixed ARGs first); repeatable [STDIO_ALLOWLIST, comma-separated].
                              Default: none, so stdio servers are refused with 403. Needs
                              --admin-token: the server does not start without one.
                              Allowing an interpreter (node, python, sh) allows running code:
                              its scripts must lie under --stdio-script-dir.
  --stdio-script-dir <dir>    directory whose files an allowed interpreter may run as its
                              script; repeatable [STDIO_SCRIPT_DIRS, comma-separated]
  --allow-stdio-code-flags    let registrations pass interpreter code flags (node -e/-r/--import,
                              python -c, sh -c, ...): that is any code [STDIO_ALLOW_CODE_FLAGS=1]
  --stdio-cwd <dir>           working directory of every stdio server [STDIO_CWD] (default /)
  --secret-key <key>          32-byte key (base64 or hex) sealing stored upstream tokens, header
                              and env values [SECRET_KEY] (default: the key file <db>.key,
                              generated 0600 on first start). Prefer the env var.
  --previous-secret-key <key> the key the database was sealed with until now: its secrets are
                              re-sealed under --secret-key at start [PREVIOUS_SECRET_KEY]
  --allow-upstream-host <host>
                              let SSE and Streamable HTTP upstreams at this host name or IP
                              although it is, or resolves to, a loopback, link-local, private,
                              unique-local or metadata address (refused by default: no SSRF);
                              repeatable [UPSTREAM_HOST_ALLOWLIST, comma-separated, e.g.
                              127.0.0.1,localhost]
  --upstream-connect-timeout-ms <ms>
                              bound on reaching an upstream and its handshake
                              [UPSTREAM_CONNECT_TIMEOUT_MS] (default ${DEFAULT_CONNECT_TIMEOUT_MS})
  --upstream-call-timeout-ms <ms>
                              bound on each upstream tools/list page and tools/call
                              [UPSTREAM_CALL_TIMEOUT_MS] (default ${DEFAULT_CALL_TIMEOUT_MS})
  --max-upstream-answer-bytes <n>
                              the largest upstream answer, or event of an upstream's stream,
                              read; past it the call fails saying so (502, or an isError result)
                              [MAX_UPSTREAM_ANSWER_BYTES] (default ${DEFAULT_MAX_UPSTREAM_ANSWER_BYTES})
  -h, --help                  print this help
`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "api-key": { type: "string", multiple: true },
  "bearer-token": { type: "string", multiple: true },
  "admin-token": { type: "string", multiple: true },
  "allow-origin": { type: "string", multiple: true },
  "keep-alive-ms": { type: "string" },
  "headers-timeout-ms": { type: "string" },
  "request-timeout-ms": { type: "string" },
  "celonis-stream-ms": { type: "string" },
  "rate-limit-per-minute": { type: "string" },
  "page-size": { type: "string" },
  "max-batch-messages": { type: "string" },
  "max-batch-answer-bytes": { type: "string" },
  "session-idle-ms": { type: "string" },
  "max-sessions": { type: "string" },
  eras: { type: "string" },
  db: { type: "string" },
  "allow-stdio": { type: "string", multiple: true },
  "stdio-script-dir": { type: "string", multiple: true },
  "allow-stdio-code-flags": { type: "boolean" },
  "stdio-cwd": { type: "string" },
  "secret-key": { type: "string" },
  "previous-secret-key": { type: "string" },
  "allow-upstream-host": { type: "string", multiple: true },
  "upstream-connect-timeout-ms": { type: "string" },
  "upstream-call-timeout-ms": { type: "string" },
  "max-upstream-answer-bytes": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parses `argv` (without node and the script) and `env`; throws ConfigError on bad input. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommand {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run with --help to see the options.`);
  }
  if (values.help) return { kind: "help" };

  const pick = (flag: keyof typeof OPTIONS, envName: string): { source: string; text: string } | undefined => {
    const fromFlag = values[flag];
    if (typeof fromFlag === "string") return { source: `--${flag}`, text: fromFlag };
    const fromEnv = env[envName];
    return fromEnv === undefined || fromEnv === "" ? undefined : { source: envName, text: fromEnv };
  };
  const integer = (flag: keyof typeof OPTIONS, envName: string, fallback: number, min: number, max: number): number => {
    const given = pick(flag, envName);
    if (!given) return fallback;
    const value = /^\d+$/.test(given.text.trim()) ? Number(given.text.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(`${given.source} must be an integer from ${min} to ${max}, got '${given.text}'.`);
    }
    return value;
  };
  type ListFlag = "api-key" | "bearer-token" | "admin-token" | "allow-origin" | "allow-stdio" | "stdio-script-dir" | "allow-upstream-host";
  const list = (flag: ListFlag, envName: string): string[] => {
    const fromEnv = (env[envName] ?? "").split(",").map((item) => item.trim());
    const items = [...fromEnv, ...(values[flag] ?? []).map((item) => item.trim())].filter((item) => item !== "");
    return [...new Set(items)];
  };

  const key = (flag: "secret-key" | "previous-secret-key", envName: string): Uint8Array | undefined => {
    const given = pick(flag, envName);
    if (!given) return undefined;
    const parsed = parseSecretKey(given.text);
    if (!parsed) throw new ConfigError(`${given.source} must be 32 bytes in base64 (44 characters) or hex (64 characters); generate one with: openssl rand -base64 32`);
    return parsed;
  };
  const secretKey = key("secret-key", "SECRET_KEY");
  const previousSecretKey = key("previous-secret-key", "PREVIOUS_SECRET_KEY");

  const host = pick("host", "HOST")?.text.trim() ?? DEFAULT_CONFIG.host;
  if (host === "" || /\s/.test(host)) throw new ConfigError(`--host/HOST must be an address such as 127.0.0.1, got '${host}'.`);

  return {
    kind: "run",
    config: {
      host,
      port: integer("port", "PORT", DEFAULT_CONFIG.port, 0, 65_535),
      apiKeys: list("api-key", "API_KEYS"),
      bearerTokens: list("bearer-token", "BEARER_TOKENS"),
      adminTokens: list("admin-token", "ADMIN_TOKENS"),
      allowedOrigins: list("allow-origin", "ALLOWED_ORIGINS").map(normalizeOrigin),
      keepAliveMs: integer("keep-alive-ms", "KEEP_ALIVE_MS", DEFAULT_CONFIG.keepAliveMs, 1, 2_147_483_647),
      ...requestTimeouts(
        integer("headers-timeout-ms", "HEADERS_TIMEOUT_MS", DEFAULT_CONFIG.headersTimeoutMs, 1, 2_147_483_647),
        integer("request-timeout-ms", "REQUEST_TIMEOUT_MS", DEFAULT_CONFIG.requestTimeoutMs, 1, 2_147_483_647),
      ),
      celonisStreamMs: integer("celonis-stream-ms", "CELONIS_STREAM_MS", DEFAULT_CONFIG.celonisStreamMs, 1, 2_147_483_647),
      rateLimitPerMinute: integer("rate-limit-per-minute", "RATE_LIMIT_PER_MINUTE", DEFAULT_CONFIG.rateLimitPerMinute, 0, 1_000_000_000),
      pageSize: integer("page-size", "PAGE_SIZE", DEFAULT_CONFIG.pageSize, 1, 10_000),
      maxBatchMessages: integer("max-batch-messages", "MAX_BATCH_MESSAGES", DEFAULT_CONFIG.maxBatchMessages, 1, 10_000),
      maxBatchAnswerBytes: integer("max-batch-answer-bytes", "MAX_BATCH_ANSWER_BYTES", DEFAULT_CONFIG.maxBatchAnswerBytes, 1024, 1_073_741_824),
      sessionIdleMs: integer("session-idle-ms", "SESSION_IDLE_MS", DEFAULT_CONFIG.sessionIdleMs, 1, 2_147_483_647),
      maxSessions: integer("max-sessions", "MAX_SESSIONS", DEFAULT_CONFIG.maxSessions, 1, 10_000_000),
      eras: erasOf(pick("eras", "ERAS")),
    },
    registry: {
      databasePath: pick("db", "DATABASE_PATH")?.text.trim() || defaultDatabasePath(env),
      stdioAllowlist: list("allow-stdio", "STDIO_ALLOWLIST"),
      stdioScriptDirs: list("stdio-script-dir", "STDIO_SCRIPT_DIRS").map((dir) => path.resolve(dir)),
      stdioAllowCodeFlags: values["allow-stdio-code-flags"] === true || flagEnv(env["STDIO_ALLOW_CODE_FLAGS"], "STDIO_ALLOW_CODE_FLAGS"),
      ...(pick("stdio-cwd", "STDIO_CWD") ? { stdioCwd: path.resolve(pick("stdio-cwd", "STDIO_CWD")!.text.trim()) } : {}),
      upstreamHostAllowlist: [...new Set(list("allow-upstream-host", "UPSTREAM_HOST_ALLOWLIST").map(upstreamHost))],
      ...(secretKey ? { secretKey } : {}),
      ...(previousSecretKey ? { previousSecretKey } : {}),
      connectTimeoutMs: integer("upstream-connect-timeout-ms", "UPSTREAM_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT_MS, 1, 2_147_483_647),
      callTimeoutMs: integer("upstream-call-timeout-ms", "UPSTREAM_CALL_TIMEOUT_MS", DEFAULT_CALL_TIMEOUT_MS, 1, 2_147_483_647),
      maxUpstreamAnswerBytes: integer("max-upstream-answer-bytes", "MAX_UPSTREAM_ANSWER_BYTES", DEFAULT_MAX_UPSTREAM_ANSWER_BYTES, 1024, 1_073_741_824),
    },
  };
}

/** One `--allow-upstream-host` entry, normalized (`[::1]` → `::1`), or the ConfigError. */
function upstreamHost(text: string): string {
  const host = normalizeUpstreamHost(text);
  if (host === undefined) {
    throw new ConfigError(`--allow-upstream-host/UPSTREAM_HOST_ALLOWLIST takes host names or IP addresses such as 127.0.0.1, ::1 or localhost (no scheme or port), got '${text}'.`);
  }
  return host;
}

/** `--eras`: modern, legacy, both, or a comma list of modern and legacy. */
function erasOf(given: { source: string; text: string } | undefined): McpEras {
  if (!given) return DEFAULT_CONFIG.eras;
  const parts = new Set(given.text.split(",").map((part) => part.trim().toLowerCase()));
  const known = [...parts].every((part) => part === "modern" || part === "legacy" || part === "both");
  if (!known || parts.size === 0) throw new ConfigError(`${given.source} must be modern, legacy or both (or modern,legacy), got '${given.text}'.`);
  if (parts.has("both") || (parts.has("modern") && parts.has("legacy"))) return "both";
  return parts.has("modern") ? "modern" : "legacy";
}

/** A boolean environment variable: 1/true/yes or 0/false/no (or unset). */
function flagEnv(text: string | undefined, name: string): boolean {
  const value = (text ?? "").trim().toLowerCase();
  if (value === "" || value === "0" || value === "false" || value === "no") return false;
  if (value === "1" || value === "true" || value === "yes") return true;
  throw new ConfigError(`${name} must be 1 or 0, got '${text}'.`);
}

/** `http://App.example:3000/` → `http://app.example:3000`; `*` stays; anything else is an error. */
export function normalizeOrigin(text: string): string {
  if (text === "*") return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "") {
    throw new ConfigError(`--allow-origin/ALLOWED_ORIGINS takes origins like http://app.example:3000 (or *), got '${text}'.`);
  }
  return url.origin;
}

/** node:http refuses a headers timeout longer than the request timeout it is part of. */
function requestTimeouts(headersTimeoutMs: number, requestTimeoutMs: number): { headersTimeoutMs: number; requestTimeoutMs: number } {
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `--headers-timeout-ms (${headersTimeoutMs}) must not exceed --request-timeout-ms (${requestTimeoutMs}): the headers are part of the request.`,
    );
  }
  return { headersTimeoutMs, requestTimeoutMs };
}
