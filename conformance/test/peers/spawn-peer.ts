/**
 * Starts a peer as a child process in its own process group, waits (bounded) for the line that
 * says where it listens, and stops the whole group: the wrapping gateways spawn a stdio server of
 * their own, and a stray grandchild must not outlive the run.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** A started peer. Disposing it stops it. */
export interface RunningPeer extends AsyncDisposable {
  /** The SSE URL to check. */
  readonly sseUrl: URL;
  /** Everything the peer printed so far (stdout and stderr interleaved), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface SpawnPeerOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Matched against each output line; group 1 is the base URL (or the SSE URL). */
  readonly readyPattern: RegExp;
  /** A second line that must also have appeared (in any order), e.g. a wrapped child's start-up line. */
  readonly alsoWaitFor?: RegExp;
  /** Appended to the matched URL to make the SSE URL ("/sse"); empty when the match is the SSE URL. */
  readonly ssePath: string;
  readonly timeoutMs: number;
}

/** How long a peer gets to exit after SIGTERM before its group is killed. */
const STOP_GRACE_MS = 2_000;

export async function spawnPeer(command: string, args: readonly string[], options: SpawnPeerOptions): Promise<RunningPeer> {
  // detached: the child leads a new process group, so the group id is its pid.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = (): Promise<void> => stopGroup(child, exited);
  let base: string;
  try {
    base = await waitForReady(child, options, (text) => (output += text));
  } catch (error) {
    await stop();
    throw new Error(`${command} ${args.join(" ")}: ${error instanceof Error ? error.message : String(error)}. Output:\n${output}`);
  }
  return { sseUrl: new URL(base + options.ssePath), output: () => output, stop, [Symbol.asyncDispose]: stop };
}

function waitForReady(child: ChildProcess, options: SpawnPeerOptions, record: (text: string) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let pending = "";
    let url: string | undefined;
    let other = options.alsoWaitFor === undefined;
    const timer = setTimeout(() => reject(new Error(`no ready line in ${options.timeoutMs} ms`)), options.timeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString("utf8");
      record(text);
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? "";
      for (const line of lines) {
        url ??= options.readyPattern.exec(line)?.[1];
        other ||= options.alsoWaitFor?.test(line) === true;
      }
      if (url !== undefined && other) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before printing a ready line`));
    });
  });
}

/** SIGTERM to the group, then SIGKILL to the group if it has not exited within the grace period. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  signalGroup(group, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), STOP_GRACE_MS)));
  const alive = child.exitCode === null && child.signalCode === null;
  const outcome = alive ? await Promise.race([exited, grace]) : undefined;
  clearTimeout(timer);
  // Children of the leader may linger after it exits (or it ignored SIGTERM): end the group for sure.
  signalGroup(group, "SIGKILL");
  if (outcome === "late") await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
