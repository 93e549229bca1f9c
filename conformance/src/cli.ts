#!/usr/bin/env node
/**
 * The `mcp-contract` command line: parses arguments and dispatches; nothing else lives here.
 * Exit codes: 0 pass, 1 a check failed (or a baseline entry is stale), 2 usage or configuration error,
 * 3 could not run (one root cause kept every check from running).
 */
import { parseArgs } from "node:util";
import { allChecks } from "./checks/registry.js";
import { parseCheckOptions } from "./command/parse-options.js";
import { runBaselineCommand } from "./command/run-baseline-command.js";
import { runCheckCommand } from "./command/run-check-command.js";
import { runLintSpecCommand } from "./command/run-lint-spec-command.js";
import { USAGE } from "./command/usage.js";
import { toolVersion } from "./version.js";

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: "string" },
        transport: { type: "string" },
        era: { type: "string" },
        tool: { type: "string" },
        "tool-args": { type: "string" },
        "capability-tool": { type: "string" },
        header: { type: "string", multiple: true },
        bearer: { type: "string" },
        only: { type: "string", multiple: true },
        skip: { type: "string", multiple: true },
        timeout: { type: "string" },
        deadline: { type: "string" },
        "keepalive-wait": { type: "string" },
        "rate-limit": { type: "string" },
        reporter: { type: "string", multiple: true },
        output: { type: "string", multiple: true },
        strict: { type: "boolean" },
        registry: { type: "string" },
        "registry-token": { type: "string" },
        baseline: { type: "string" },
        write: { type: "string" },
        "sarif-location": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    process.stderr.write(`mcp-contract: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command === "list") {
    for (const check of allChecks) process.stdout.write(`${check.id.padEnd(34)} ${check.group.padEnd(15)} ${check.level.padEnd(6)} ${check.title}\n`);
    return 0;
  }
  const io = { stdout: process.stdout, stderr: process.stderr };
  if (command === "lint-spec") {
    const flags = Object.keys(values).filter((key) => values[key as keyof typeof values] !== undefined);
    if (flags.length > 0) {
      process.stderr.write(`mcp-contract: lint-spec takes only file names, not --${flags.join(", --")}\n`);
      return 2;
    }
    return runLintSpecCommand(rest, io);
  }
  if (command !== "check" && command !== "baseline") {
    process.stderr.write(`mcp-contract: unknown command "${command}": use check, baseline, lint-spec or list\n\n${USAGE}\n`);
    return 2;
  }
  const options = parseCheckOptions(rest, values);
  if ("error" in options) {
    process.stderr.write(`mcp-contract: ${options.error}\n`);
    return 2;
  }
  if (command === "baseline") {
    if (values.reporter !== undefined || values.output !== undefined) {
      process.stderr.write("mcp-contract: baseline writes the baseline file, not reports: drop --reporter/--output, give --write <file>\n");
      return 2;
    }
    return runBaselineCommand(options.run, io, values.write, options.baselineFile);
  }
  if (values.write !== undefined) {
    process.stderr.write("mcp-contract: --write belongs to the baseline command: mcp-contract baseline <sse-url> --write <file>\n");
    return 2;
  }
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
