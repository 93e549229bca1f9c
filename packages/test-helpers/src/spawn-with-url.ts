/**
 * Runs a server as a child process, waits for the line in which it prints where it listens, and
 * stops it (SIGTERM, then SIGKILL) when disposed. Waits on output events, never on a clock, and
 * gives up with the child's output when the bound passes or the child exits first.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

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
}

const DEFAULT_READY = /(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+[^\s"']*)/;

export async function spawnWithUrl(
  command: string,
  args: readonly string[],
  { readyPattern = DEFAULT_READY, timeoutMs = 20_000, ...options }: SpawnWithUrlOptions = {},
): Promise<SpawnedServer> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

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
