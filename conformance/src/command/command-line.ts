/**
 * The command line's words: which options exist, which take a value, and which command comes
 * first. Mistakes come back as one sentence naming the fix (the closest option or command, the
 * value an option needs), never as node's parseArgs text. No I/O here.
 */
import { parseArgs } from "node:util";
import { closest, didYouMean } from "./argument-errors.js";
import { CHOICES, type CheckFlags } from "./parse-options.js";

interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  /** What the value is, for "needs a value"; an option with CHOICES lists those instead. */
  readonly value?: string;
}

/** Every option of every command; usage.ts documents them. */
export const OPTIONS = {
  profile: { type: "string" },
  transport: { type: "string" },
  era: { type: "string" },
  tool: { type: "string", value: "a tool name, e.g. --tool echo" },
  "tool-args": { type: "string", value: `a JSON object, e.g. --tool-args '{"text":"hi"}'` },
  "capability-tool": { type: "string", value: "a tool name, e.g. --capability-tool confirm" },
  header: { type: "string", multiple: true, value: "'Name: value', e.g. --header 'X-API-Key: …'" },
  bearer: { type: "string", value: "a token: --bearer <token>" },
  only: { type: "string", multiple: true, value: `check ids or groups, e.g. --only sse (see "mcp-contract list")` },
  skip: { type: "string", multiple: true, value: `check ids or groups, e.g. --skip sse-keepalive (see "mcp-contract list")` },
  timeout: { type: "string", value: "milliseconds, e.g. --timeout 5000" },
  deadline: { type: "string", value: "milliseconds, e.g. --deadline 120000" },
  "keepalive-wait": { type: "string", value: "milliseconds, e.g. --keepalive-wait 30000" },
  "rate-limit": { type: "string", value: "calls per minute, e.g. --rate-limit 60" },
  reporter: { type: "string", multiple: true },
  output: { type: "string", multiple: true, value: "a file, e.g. --output mcp-contract-report" },
  strict: { type: "boolean" },
  registry: { type: "string", value: "the registry's base URL, e.g. --registry http://127.0.0.1:8090" },
  "registry-token": { type: "string", value: "a token: --registry-token <token>" },
  baseline: { type: "string", value: "a file, e.g. --baseline mcp-contract-baseline.json" },
  write: { type: "string", value: "a file, e.g. --write mcp-contract-baseline.json" },
  "sarif-location": { type: "string", value: "a file of your repository, e.g. --sarif-location .github/workflows/mcp-contract.yml" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies Record<string, OptionSpec>;

export const COMMANDS = ["check", "baseline", "lint-spec", "list"] as const;

export type CommandLineValues = CheckFlags & { readonly help?: boolean | undefined; readonly version?: boolean | undefined };

export type ParsedCommandLine = { readonly values: CommandLineValues; readonly positionals: string[] } | { readonly error: string };

const NAMES = Object.keys(OPTIONS);

/**
 * Reads argv the way parseArgs does in strict mode, but reports each mistake itself: an unknown
 * option with the closest real one, an option without its value (also when the next word is
 * another option, which parseArgs would swallow as the value), a value given to a switch.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const spec: OptionSpec | undefined = (OPTIONS as Record<string, OptionSpec>)[token.name];
    if (spec === undefined) return { error: unknownOption(argv[token.index] ?? token.rawName, token.rawName) };
    if (spec.type === "boolean") {
      if (token.value !== undefined) return { error: `${token.rawName} is a switch and takes no value: drop "=${token.value}"` };
      continue;
    }
    const next = token.inlineValue ? undefined : token.value;
    if (token.value === undefined || (next !== undefined && next.length > 1 && next.startsWith("-"))) {
      const after = next === undefined ? "" : ` (the next word, ${next}, is an option; write --${token.name}=${next} if that is the value)`;
      return { error: `--${token.name} needs a value: ${valueHint(token.name, spec)}${after}` };
    }
  }
  try {
    // The mistakes strict mode throws for were reported above; it is run for its typed values.
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    // Anything the walk above missed: node's first sentence, without its advice about "--".
    return { error: (error instanceof Error ? error.message : String(error)).split(/\.\s|\n/)[0] ?? "the command line could not be read" };
  }
}

/** "unknown command" with the closest command, or the list of commands. */
export function unknownCommand(command: string): string {
  const guess = didYouMean(command, COMMANDS);
  return `unknown command "${command}"${guess}${guess ? "" : `: use ${COMMANDS.slice(0, -1).join(", ")} or ${COMMANDS.at(-1)}`}`;
}

/**
 * `arg` is the word as typed; parseArgs reads a single dash before a long name (-reporter, a
 * usual slip) as a group of short options, so the word is looked at whole.
 */
function unknownOption(arg: string, rawName: string): string {
  const word = arg.split("=")[0] ?? arg;
  if (word.startsWith("--")) return `unknown option ${word}${didYouMean(word.slice(2), NAMES, (name) => `--${name}`)}`;
  const long = closest(word.slice(1), NAMES);
  if (word.length > 2 && long !== undefined) return `unknown option ${word}; did you mean --${long}? (long options take two dashes)`;
  return `unknown option ${word.length > 2 ? word : rawName}: the only short option is -h (--help); every other option is long, e.g. --reporter`;
}

function valueHint(name: string, spec: OptionSpec): string {
  const choices = (CHOICES as Record<string, readonly string[]>)[name];
  return choices ? `one of ${choices.join(", ")}` : (spec.value ?? "a value");
}
