#!/usr/bin/env node
/**
 * The `mcp-contract` command line: parses arguments and dispatches; nothing else lives here.
 * Exit codes: 0 pass, 1 a check failed (or a baseline entry is stale), 2 usage or configuration error,
 * 3 could not run (one root cause kept every check from running).
 */
import { allChecks } from "./checks/registry.js";
import { withHelpPointer } from "./command/argument-errors.js";
import { parseCommandLine, unknownCommand } from "./command/command-line.js";
import { parseCheckOptions } from "./command/parse-options.js";
import { runBaselineCommand } from "./command/run-baseline-command.js";
import { runCheckCommand } from "./command/run-check-command.js";
import { runLintSpecCommand } from "./command/run-lint-spec-command.js";
import { USAGE } from "./command/usage.js";
import { toolVersion } from "./version.js";

/** A usage error: one line saying what is wrong and how to fix it, then where the options are. */
function usageError(message: string, what: "option" | "command" = "option"): number {
  process.stderr.write(`mcp-contract: ${withHelpPointer(message, what)}\n`);
  return 2;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if ("error" in parsed) return usageError(parsed.error);
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === undefined) return usageError("give a command: check <url>, baseline <url>, lint-spec <openapi-file> or list", "command");
  if (command === "list") {
    for (const check of allChecks) process.stdout.write(`${check.id.padEnd(34)} ${check.group.padEnd(15)} ${check.level.padEnd(6)} ${check.title}\n`);
    return 0;
  }
  const io = { stdout: process.stdout, stderr: process.stderr };
  if (command === "lint-spec") {
    const flags = Object.keys(values).filter((key) => values[key as keyof typeof values] !== undefined);
    if (flags.length > 0) return usageError(`lint-spec takes only file names, not --${flags.join(", --")}`);
    return runLintSpecCommand(rest, io);
  }
  if (command !== "check" && command !== "baseline") return usageError(unknownCommand(command), "command");
  const options = parseCheckOptions(rest, values);
  if ("error" in options) return usageError(options.error);
  if (command === "baseline") {
    if (values.reporter !== undefined || values.output !== undefined) {
      return usageError("baseline writes the baseline file, not reports: drop --reporter/--output, give --write <file>");
    }
    return runBaselineCommand(options.run, io, values.write, options.baselineFile);
  }
  if (values.write !== undefined) return usageError("--write belongs to the baseline command: mcp-contract baseline <url> --write <file>");
  return runCheckCommand(options.run, options.outputs, io, options.baselineFile, options.sarifLocation);
}

// `mcp-contract list | head` closes our stdout early: that is the reader's choice, not a crash. Later
// writes are dropped; the run still finishes, writes its report files and returns its exit code.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    // Sockets a misbehaving server keeps open must not hold the process once the report is out.
    process.exitCode = code;
    setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`mcp-contract: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
