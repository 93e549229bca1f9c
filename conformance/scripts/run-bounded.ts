/**
 * Runs a command to its end or to a bound, in its own process group, and kills the whole group
 * when the bound passes (the official suite and npm both spawn children of their own). No group
 * outlives the script: one still running when the script exits is killed then, however it exits.
 */
import { spawn } from "node:child_process";

export interface BoundedResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface BoundedOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Called when the bound passes, just before the kill: the last moment the process can be read (e.g. /proc/<pid>/status). */
  readonly onBound?: (pid: number) => void;
}

/** Output kept per stream: enough for a summary and an error, never the whole of a runaway log. */
const KEEP_CHARS = 1_000_000;

/** Process groups started and not yet ended. */
const live = new Set<number>();
process.on("exit", () => {
  for (const pid of live) killGroup(pid);
});
// A group of its own gets no Ctrl-C from the terminal, and a signal's default death skips "exit"
// handlers: exit as the signal would (128 + its number), through them.
for (const [signal, number] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]] as const) process.once(signal, () => process.exit(128 + number));

export function runBounded(command: string, args: readonly string[], options: BoundedOptions): Promise<BoundedResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const pid = child.pid;
    if (pid !== undefined) live.add(pid);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout = (stdout + chunk.toString("utf8")).slice(-KEEP_CHARS)));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-KEEP_CHARS)));
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) options.onBound?.(pid);
      killGroup(pid);
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      if (pid !== undefined) live.delete(pid);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      // The leader is gone; a child it left behind must not outlive the run.
      killGroup(pid);
      if (pid !== undefined) live.delete(pid);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the group is already gone.
  }
}
