/**
 * The stdio boundary: which programs a registered stdio server may run, with which arguments and
 * environment. Registering a stdio server runs a program on the gateway's host, so nothing runs
 * unless the operator allowed it (`--allow-stdio` / `STDIO_ALLOWLIST`), and what runs is decided
 * here, once, from the operator's entries and never from the registrant's PATH or working directory.
 *
 * Entries are resolved when the registry starts:
 * - `node` (a name): looked up on the server's own PATH, symlinks resolved;
 * - `/usr/bin/node` (an absolute path): that file;
 * - `everything=node /srv/mcp/everything.js stdio` (a template): a registration names `everything`
 *   and runs the program with this fixed argv prefix, its own `args` appended.
 *
 * A registration's arguments are checked against the program: for an interpreter (node, python,
 * sh, …) options that run code (`-e`, `-c`, `--require`, …) are refused unless the operator allowed
 * code flags, and the script must be a file under an allowed script directory. `env` may not set
 * variables that change what runs (PATH, NODE_OPTIONS, LD_PRELOAD, PYTHONPATH, …). The child runs in
 * a fixed working directory. Create, update and every spawn check command, args and env together.
 */
import { realpathSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { FieldError } from "@mcp-contract/api-types";
import { HttpError } from "../errors.js";
import { resolveProgram } from "./program-lookup.js";
import { codeFlagReason, interpreterOf, type InterpreterFamily } from "./stdio-interpreters.js";

export interface StdioPolicyOptions {
  /** Entries as described above. */
  readonly allow: readonly string[];
  /** Directories whose files an allowed interpreter may run as its script. */
  readonly scriptDirs?: readonly string[];
  /** Let registrations pass interpreter code flags (`node -e`): allowing that is allowing any code. */
  readonly allowCodeFlags?: boolean;
  /** The working directory of every stdio child. Default: the filesystem root. */
  readonly cwd?: string;
  /** Where program names are looked up (default: this process's PATH). */
  readonly pathVariable?: string;
}

/** How to start one stdio server: an absolute program, its whole argv, and where. */
export interface StdioLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

interface AllowedProgram {
  /** What the operator wrote (the name or path, or the template's name). */
  readonly entry: string;
  /** The resolved absolute file. */
  readonly program: string;
  /** Other spellings of the same program a registration may use (the name's unresolved path). */
  readonly aliases: ReadonlySet<string>;
  /** The template's fixed arguments (trusted: the operator wrote them). */
  readonly prefix: readonly string[];
  readonly interpreter: InterpreterFamily | undefined;
}

/** Environment keys that change what program runs or what code it loads. */
const FORBIDDEN_ENV: readonly RegExp[] = [
  /^PATH$/, /^NODE_/, /^LD_/, /^DYLD_/, /^PYTHON/, /^PERL/, /^RUBY/, /^BASH_ENV$/, /^ENV$/, /^BASH_FUNC_/,
  /^SHELLOPTS$/, /^BASHOPTS$/, /^PS4$/, /^PROMPT_COMMAND$/, /^IFS$/, /^GCONV_PATH$/, /^HOME$/, /^NPM_CONFIG_/,
  /^BUN_/, /^DENO_/, /^GIT_/, /^JAVA_TOOL_OPTIONS$/, /^_JAVA_OPTIONS$/, /^LUA_/, /^PHPRC$/, /^TMPDIR$/,
];

/** An environment variable name as POSIX spells one. */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A start-time problem with the operator's entries (main.ts reports it and exits 2). */
export class StdioPolicyError extends Error {
  override readonly name = "StdioPolicyError";
}

export class StdioAllowlist {
  readonly #programs: readonly AllowedProgram[];
  readonly #scriptDirs: readonly string[];
  readonly #allowCodeFlags: boolean;
  readonly #cwd: string;

  constructor(options: StdioPolicyOptions | readonly string[]) {
    const settings: StdioPolicyOptions = Array.isArray(options) ? { allow: options } : (options as StdioPolicyOptions);
    const pathVariable = settings.pathVariable ?? process.env["PATH"];
    this.#programs = settings.allow
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")
      .map((entry) => parseEntry(entry, pathVariable));
    this.#scriptDirs = (settings.scriptDirs ?? []).map((dir) => {
      const real = realDirectory(dir);
      if (!real) throw new StdioPolicyError(`--stdio-script-dir '${dir}' is not an existing directory (give an absolute path).`);
      return real;
    });
    this.#allowCodeFlags = settings.allowCodeFlags ?? false;
    const cwd = settings.cwd ?? resolve("/");
    const realCwd = realDirectory(cwd);
    if (!realCwd) throw new StdioPolicyError(`--stdio-cwd '${cwd}' is not an existing directory (give an absolute path).`);
    this.#cwd = realCwd;
  }

  /** Whether any stdio program is allowed at all. */
  get enabled(): boolean {
    return this.#programs.length > 0;
  }

  /**
   * How to run `command` with `args` and `env`, or the 403 that names each refused field and how
   * the operator could allow it.
   */
  launch(command: string, args: readonly string[], env: Readonly<Record<string, string>> | undefined): StdioLaunch {
    const program = this.#programs.find((candidate) => candidate.entry === command || candidate.aliases.has(command));
    if (!program) throw notAllowed(command, this.#programs.length === 0);
    const errors: FieldError[] = [...this.#argumentErrors(program, args), ...envErrors(env)];
    if (errors.length > 0) {
      const summary = errors.slice(0, 3).map((error) => `${error.field} ${error.message}`).join("; ");
      throw new HttpError(403, "forbidden", `stdio server refused: ${summary}.`, { errors });
    }
    return { command: program.program, args: [...program.prefix, ...args], cwd: this.#cwd };
  }

  /** Throws the 403 when the server could not be launched as stored (the allowlist may have shrunk). */
  check(command: string, args: readonly string[] = [], env?: Readonly<Record<string, string>>): void {
    this.launch(command, args, env);
  }

  #argumentErrors(program: AllowedProgram, args: readonly string[]): FieldError[] {
    const interpreter = program.interpreter;
    // With code flags allowed the registrant may run any code anyway: nothing left to check.
    if (!interpreter || this.#allowCodeFlags) return [];
    // The operator's prefix may already name the script: then every registrant argument is the script's.
    if (program.prefix.some((arg) => !arg.startsWith("-"))) return [];
    const errors: FieldError[] = [];
    for (const [index, arg] of args.entries()) {
      const field = `/args/${index}`;
      if (arg.startsWith("-") || arg === "") {
        const reason = codeFlagReason(interpreter, arg);
        if (reason) errors.push({ field, message: `is refused: ${reason}. Interpreter code flags need --allow-stdio-code-flags` });
        continue;
      }
      // The first operand is the script; what follows it is the script's own arguments.
      const problem = this.#scriptProblem(arg);
      if (problem) errors.push({ field, message: problem });
      return errors;
    }
    errors.push({
      field: "/args",
      message: `must name a script for ${interpreter.name} under an allowed script directory (${this.#dirsText()})`,
    });
    return errors;
  }

  #scriptProblem(script: string): string | undefined {
    const where = `a file under an allowed script directory (${this.#dirsText()})`;
    if (!isAbsolute(script)) return `must be an absolute path to ${where}`;
    let real: string;
    try {
      real = realpathSync(script);
      if (!statSync(real).isFile()) return `must be ${where}; it is not a file`;
    } catch {
      return `must be ${where}; it does not exist`;
    }
    if (this.#scriptDirs.some((dir) => isInside(real, dir))) return undefined;
    return `must be ${where}; add its directory with --stdio-script-dir`;
  }

  #dirsText(): string {
    return this.#scriptDirs.length === 0 ? "none configured" : this.#scriptDirs.join(", ");
  }
}

function parseEntry(entry: string, pathVariable: string | undefined): AllowedProgram {
  const eq = entry.indexOf("=");
  const template = eq > 0 && !entry.slice(0, eq).includes("/");
  const name = template ? entry.slice(0, eq).trim() : entry;
  const [programText = "", ...prefix] = (template ? entry.slice(eq + 1) : entry).trim().split(/\s+/);
  if (!template && /\s/.test(entry)) {
    throw new StdioPolicyError(`--allow-stdio '${entry}': give a program name or absolute path, or NAME=PROGRAM ARG… for a template.`);
  }
  const program = resolveProgram(programText, pathVariable);
  if (!program) {
    throw new StdioPolicyError(
      `--allow-stdio '${entry}': no executable '${programText}' ${programText.includes("/") ? "at that absolute path" : "on the server's PATH"}.`,
    );
  }
  const aliases = new Set<string>(template ? [] : [program]);
  if (!template && programText.includes("/")) aliases.add(programText);
  if (!template && !programText.includes("/")) {
    // The unresolved spelling on PATH (/usr/local/bin/node) names the same file as the real one.
    for (const dir of (pathVariable ?? "").split(delimiter)) {
      const spelled = join(dir, programText);
      if (isAbsolute(dir) && resolveProgram(spelled, undefined) === program) aliases.add(spelled);
    }
  }
  return { entry: name, program, aliases, prefix, interpreter: interpreterOf(programText, program) };
}

function realDirectory(dir: string): string | undefined {
  if (!isAbsolute(dir)) return undefined;
  try {
    const real = realpathSync(dir);
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

function envErrors(env: Readonly<Record<string, string>> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(env ?? {})) {
    const field = `/env/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!ENV_KEY.test(key)) errors.push({ field, message: "is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)" });
    else if (FORBIDDEN_ENV.some((pattern) => pattern.test(key.toUpperCase()))) {
      errors.push({ field, message: "is refused: it changes which program runs or what code it loads" });
    }
  }
  return errors;
}

function notAllowed(command: string, none: boolean): HttpError {
  const shown = command.slice(0, 200);
  const bare = !command.includes("/") && /^[\w.+-]+$/.test(command);
  const how = bare
    ? `Start the server with --allow-stdio ${command} (or STDIO_ALLOWLIST=${command}) to allow it.`
    : "Only the programs allowed with --allow-stdio run (by name or their resolved path); other files never do.";
  const advice = none ? `No stdio program is allowed on this server. ${how}` : how;
  return new HttpError(403, "forbidden", `stdio command '${shown}' is not allowed. ${advice}`, {
    errors: [{ field: "/command", message: "is not an allowed stdio program" }],
  });
}
