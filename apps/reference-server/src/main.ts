/**
 * Starts the reference server: reads flags and env, listens, prints where (the base URL, then each
 * dialect's SSE URL), and shuts down gracefully on SIGTERM/SIGINT. Exit codes: 0 after a clean
 * shutdown, 1 when it cannot listen, 2 for a usage error.
 */
import { ConfigError, HELP_TEXT, parseConfig } from "./config/parse-config.js";
import type { McpEras } from "./config/server-config.js";
import { createGateway } from "./gateway.js";
import { REGISTRY_PREFIX, SecretKeyError, StdioPolicyError } from "./registry/index.js";
import { dialectUrls, MCP_PATH, OPENSEARCH_MCP_PATH, SPICE_MCP_PATH } from "./routes/paths.js";
import type { AddressInfo } from "node:net";

/** What the start-up line says `/mcp` serves, per `--eras`, so a restricted run does not claim both. */
const ERAS_SERVED = { both: "2026-07-28 and 2025 sessions", modern: "2026-07-28 only", legacy: "2025 sessions only" } as const satisfies Record<McpEras, string>;

/** A shutdown that takes longer than this exits non-zero rather than hang. */
const SHUTDOWN_LIMIT_MS = 10_000;

function main(): void {
  let command;
  try {
    command = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`reference-server: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === "help") {
    process.stdout.write(HELP_TEXT);
    return;
  }
  const { config } = command;
  let gateway;
  try {
    gateway = createGateway({ config, registry: command.registry });
  } catch (error) {
    // A policy or key the operator must fix: one line naming the flag, no stack trace.
    if (error instanceof StdioPolicyError || error instanceof SecretKeyError) {
      process.stderr.write(`reference-server: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    // An unreadable or newer-schema database: say which file, without a stack trace.
    process.stderr.write(`reference-server: cannot open the registry database ${command.registry.databasePath}: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const { app } = gateway;

  app.server.once("error", (error: NodeJS.ErrnoException) => {
    process.stderr.write(`reference-server: cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}${listenHint(error.code)}\n`);
    process.exitCode = 1;
  });
  app.server.listen(config.port, config.host, () => {
    const { port } = app.server.address() as AddressInfo;
    const base = `http://${displayHost(config.host)}:${port}`;
    const urls = dialectUrls(base);
    process.stdout.write(
      `mcp-contract reference server listening on ${base}\n` +
        `  spice       ${urls.spice}\n` +
        `  opensearch  ${urls.opensearch}\n` +
        `  celonis     ${urls.celonis}\n` +
        `  streamable  ${base}${MCP_PATH} (${ERAS_SERVED[config.eras]}), Spice ${base}${SPICE_MCP_PATH}, OpenSearch ${base}${OPENSEARCH_MCP_PATH}\n` +
        `  registry    ${base}${REGISTRY_PREFIX} (database ${command.registry.databasePath})\n`,
    );
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`reference-server: ${signal}, closing streams and shutting down\n`);
    const limit = setTimeout(() => {
      process.stderr.write("reference-server: shutdown took too long, exiting\n");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    limit.unref();
    gateway.close().then(
      () => {
        // Nothing else holds the event loop: the process ends on its own with code 0.
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`reference-server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** The host as a URL authority: wildcard binds print loopback, IPv6 gets brackets. */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

main();

/** What to do next when listening fails, for the causes a first run meets. */
function listenHint(code: string | undefined): string {
  switch (code) {
    case "EADDRINUSE":
      return "; another process listens there (a reference server already running?): stop it, or pick another port with --port <n> (--port 0 takes any free one)";
    case "EACCES":
      return "; this user may not listen on that port (below 1024 needs privileges): use --port 8090 or --port 0";
    case "EADDRNOTAVAIL":
      return "; this machine has no such address: use --host 127.0.0.1 (or ::1, or 0.0.0.0 for every interface)";
    default:
      return "";
  }
}
