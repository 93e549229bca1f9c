/**
 * Runs npm, npx, node and git as a user's shell would, with no settings inherited from the npm
 * that runs this test suite: `npm test` exports npm_config_* and npm_package_* variables (the
 * local prefix, the workspace), and a child npm that saw them would act on this monorepo instead
 * of the scratch project it is pointed at.
 */
import { execFile } from "node:child_process";

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a fresh shell: this process's, less anything npm put there. */
export function userEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== "INIT_CWD" && name !== "NODE_OPTIONS") env[name] = value;
  }
  return { ...env, NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...extra };
}

/** Runs a command to its end (or kills it at `timeoutMs`) and resolves with its exit code and output; never rejects on a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly timeoutMs: number; readonly env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? userEnv(), timeout: options.timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        const timedOut = error?.killed ? `\n[killed after ${options.timeoutMs} ms]` : "";
        resolve({ code, stdout, stderr: stderr + timedOut });
      },
    );
  });
}

/** A one-line description of a finished command for assertion messages. */
export function describeRun(label: string, result: CommandResult): string {
  return `${label} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
