/**
 * Runs a server as a child process, waits for the line in which it prints where it listens, and
 * stops it (SIGTERM, then SIGKILL) when disposed. Waits on output events, never on a clock, and
 * gives up with the child's output when the bound passes or the child exits first.
 *
 * A Node.js child gets the wire check too (wire-contract/child-preload.ts, loaded with --import):
 * what it answers outside the OpenAPI specs reaches the test hook once the child has exited.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { recordViolationsFromLog, WIRE_LOG_ENV } from "./wire-contract/store.js";

export interface SpawnedServer extends AsyncDisposable {
  /** The first capture group of `readyPattern` (or the whole match). */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the child wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code once the child has exited. */
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnWithUrlOptions extends SpawnOptions {
  /** Matched against each line of stdout and stderr; group 1 (or the match) is the URL. */
  readonly readyPattern?: RegExp;
  readonly timeoutMs?: number;
  /**
   * Hold the child's HTTP exchanges to the specs (default: true when the command is this Node.js
   * and a vitest run, whose hook reads the violations, started it; a benchmark's children are
   * never slowed by it). Only a child that is not ours or breaks the contract on purpose turns it
   * off, saying why.
   */
  readonly wireContract?: boolean;
}

const DEFAULT_READY = /(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+[^\s"']*)/;

export async function spawnWithUrl(
  command: string,
  args: readonly string[],
  { readyPattern = DEFAULT_READY, timeoutMs = 20_000, wireContract = command === process.execPath && process.env["VITEST"] !== undefined, ...options }: SpawnWithUrlOptions = {},
): Promise<SpawnedServer> {
  const wire = wireContract ? wireLog() : undefined;
  const child = spawn(command, wire ? ["--import", wire.preload, ...args] : args, {
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
    ...(wire ? { env: { ...(options.env ?? process.env), [WIRE_LOG_ENV]: wire.path } } : {}),
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      if (wire) wire.collect(`${command} ${args.join(" ")}`);
      resolve(code);
    }),
  );

  const url = await new Promise<string>((resolve, reject) => {
    let pending = "";
    const timer = setTimeout(() => fail(`no ready line in ${timeoutMs} ms`), timeoutMs);
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")}: ${why}. Output:\n${output}`));
    }
    function onData(chunk: Buffer): void {
      const text = chunk.toString("utf8");
      output += text;
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const match = readyPattern.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? match[0]);
          return;
        }
      }
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => fail(`exited (${code ?? signal}) before printing a ready line`));
  });

  async function stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill(signal);
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    try {
      return await exited;
    } finally {
      clearTimeout(killTimer);
    }
  }

  return {
    url,
    child,
    output: () => output,
    exited,
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop();
    },
  };
}

interface WireLog {
  /** The preload's file URL, for --import. */
  readonly preload: string;
  /** Where the child appends its violations. */
  readonly path: string;
  /** Hands what the child recorded to the test hook and removes the file. */
  collect(child: string): void;
}

function wireLog(): WireLog {
  const dir = mkdtempSync(join(tmpdir(), "mcp-contract-wire-"));
  const path = join(dir, "violations.jsonl");
  return {
    preload: childPreload(),
    path,
    collect(child) {
      recordViolationsFromLog(path, child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The built preload: beside this module in dist, or, when this module runs from src (the
 * package's own tests), in the package's dist, since a plain `node --import` cannot load .ts.
 */
function childPreload(): string {
  for (const candidate of ["./wire-contract/child-preload.js", "../dist/wire-contract/child-preload.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  throw new Error("spawnWithUrl: wire-contract/child-preload.js is not built; run npx turbo run build --filter=@mcp-contract/test-helpers");
}
