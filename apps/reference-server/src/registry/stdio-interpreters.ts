/**
 * What the stdio boundary knows about interpreters: programs whose arguments can carry code
 * (`node -e`, `python -c`, `sh -c`) or name a script to run. Allowing an interpreter means allowing
 * code, so for these the boundary refuses code flags and only runs scripts under the operator's
 * script directories; every other allowed program gets its arguments as given.
 */
import { basename } from "node:path";

/** One interpreter family: how to recognise it, and which of its options run code. */
export interface InterpreterFamily {
  readonly name: string;
  /** Matches the program's basename (of the allowlist entry or of the resolved file). */
  readonly program: RegExp;
  /** Long options (and single-dash words) that run code, load code or read code from elsewhere. */
  readonly codeOptions: ReadonlySet<string>;
  /** Short option letters that run code; also found inside clusters such as `-Bc`. */
  readonly codeLetters: string;
}

const family = (name: string, program: RegExp, codeOptions: readonly string[], codeLetters = ""): InterpreterFamily => ({
  name,
  program,
  codeOptions: new Set(codeOptions),
  codeLetters,
});

/**
 * The families the boundary knows. Node's list also has the options that load code from a file or
 * open a debugger (which is remote code execution), and `--env-file`, which can set NODE_OPTIONS.
 */
export const INTERPRETERS: readonly InterpreterFamily[] = [
  family(
    "node",
    /^(node|nodejs|bun)(\.exe)?$/,
    [
      "--eval", "--print", "--require", "--import", "--loader", "--experimental-loader", "--interactive",
      "--inspect", "--inspect-brk", "--inspect-wait", "--env-file", "--env-file-if-exists", "--experimental-default-type",
      "--input-type", "--run", "--test", "--watch", "--watch-path", "--conditions", "-C",
    ],
    "epri",
  ),
  family("deno", /^deno(\.exe)?$/, ["eval", "repl", "--eval", "--import-map", "--config"], "e"),
  family("python", /^(python|pypy)[\d.]*(\.exe)?$/, ["--command", "--module"], "cmi"),
  family("shell", /^(sh|ash|bash|dash|zsh|ksh|mksh|fish|csh|tcsh|busybox)$/, ["--rcfile", "--init-file", "--command"], "cis"),
  family("perl", /^perl[\d.]*$/, [], "eEMmIx"),
  family("ruby", /^ruby[\d.]*$/, [], "erIx"),
  family("php", /^php[\d.]*$/, [], "rRBEFad"),
  family("lua", /^lua(jit)?[\d.]*$/, [], "eli"),
  family("r", /^(R|Rscript)$/, ["--file"], "e"),
  family("powershell", /^(pwsh|powershell)(\.exe)?$/, ["-command", "-encodedcommand", "-c", "-ec", "-file", "-f"], ""),
];

/** The family of the program at `path` (or named `path`), or undefined for a non-interpreter. */
export function interpreterOf(...paths: readonly string[]): InterpreterFamily | undefined {
  for (const path of paths) {
    const name = basename(path);
    const found = INTERPRETERS.find((candidate) => candidate.program.test(name));
    if (found) return found;
  }
  return undefined;
}

/**
 * Why `arg` (an option before the script) runs code in `interpreter`, or undefined when it does not.
 * `-` (the script read from stdin) counts: stdin is the MCP channel.
 */
export function codeFlagReason(interpreter: InterpreterFamily, arg: string): string | undefined {
  const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
  const what = `'${arg.slice(0, 40)}' makes ${interpreter.name} run code that is not a file under an allowed script directory`;
  if (arg === "-") return what;
  if (interpreter.codeOptions.has(name) || interpreter.codeOptions.has(name.toLowerCase())) return what;
  if (/^-[^-]/.test(name)) {
    const letters = name.slice(1);
    if ([...letters].some((letter) => interpreter.codeLetters.includes(letter))) return what;
  }
  return undefined;
}
