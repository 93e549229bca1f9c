/**
 * Runs a GitHub Actions job's `run:` steps on this machine the way a Linux runner does: each
 * script in `bash --noprofile --norc -eo pipefail`, in the workspace, with the job's env and what
 * earlier steps appended to $GITHUB_ENV. Each step is bounded and runs in its own process group,
 * so whatever it leaves in the background (the server) is killed when the job is disposed.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A step as the workflow YAML has it (the keys this kit uses). */
export interface WorkflowStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
}

export interface StepRun {
  /** Exit code; null when the step was killed at its bound. */
  readonly code: number | null;
  /** stdout and stderr, interleaved. */
  readonly output: string;
}

export class LocalJob implements AsyncDisposable {
  readonly #groups: number[] = [];
  readonly #githubEnv: string;
  readonly #env: Record<string, string>;
  #count = 0;

  constructor(
    readonly workspace: string,
    jobEnv: Readonly<Record<string, string>>,
  ) {
    this.#githubEnv = join(workspace, ".github-env");
    writeFileSync(this.#githubEnv, "");
    this.#env = { ...jobEnv, GITHUB_WORKSPACE: workspace, GITHUB_ENV: this.#githubEnv, CI: "true" };
  }

  /** The env the next step gets: the job's, plus every NAME=value earlier steps appended to $GITHUB_ENV. */
  env(): Record<string, string> {
    const appended = readFileSync(this.#githubEnv, "utf8")
      .split("\n")
      .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1] ?? "", match[2] ?? ""]);
    return { ...this.#env, ...Object.fromEntries(appended) };
  }

  /** Runs `script` (a step's `run:`, possibly substituted) and waits for it, at most `timeoutMs`. */
  async run(step: WorkflowStep, script: string, timeoutMs: number): Promise<StepRun> {
    const file = join(this.workspace, `.step-${(this.#count += 1)}.sh`);
    writeFileSync(file, script);
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
      cwd: this.workspace,
      env: { ...process.env, ...this.env(), ...step.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    if (child.pid !== undefined) this.#groups.push(child.pid);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), timeoutMs);
    try {
      const [code] = (await once(child, "exit")) as [number | null];
      return { code, output };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills every process group a step started (a background server included). */
  [Symbol.asyncDispose](): Promise<void> {
    for (const group of this.#groups.splice(0)) killGroup(group, "SIGKILL");
    return Promise.resolve();
  }
}

function killGroup(group: number | undefined, signal: NodeJS.Signals): void {
  if (group === undefined) return;
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: every process of the group has exited.
  }
}
