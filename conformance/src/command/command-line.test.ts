import { describe, expect, it } from "vitest";
import { parseCommandLine, unknownCommand } from "./command-line.js";

const URL_ = "http://127.0.0.1:9/mcp";

describe("parseCommandLine", () => {
  it.each<[string, string[], string]>([
    ["an unknown option, with the closest one", ["check", URL_, "--reportr", "json"], "unknown option --reportr; did you mean --reporter?"],
    ["an unknown option given with =", ["check", URL_, "--timout=5"], "unknown option --timout; did you mean --timeout?"],
    ["an unknown option close to nothing", ["check", URL_, "--verbose"], "unknown option --verbose"],
    ["a long option with one dash", ["check", URL_, "-reporter", "json"], "unknown option -reporter; did you mean --reporter? (long options take two dashes)"],
    ["an unknown short option", ["check", URL_, "-v"], "unknown option -v: the only short option is -h (--help); every other option is long, e.g. --reporter"],
    ["an option without its value at the end", ["check", URL_, "--timeout"], "--timeout needs a value: milliseconds, e.g. --timeout 5000"],
    ["an option with a list, without its value", ["check", URL_, "--era"], "--era needs a value: one of auto, legacy, modern"],
    [
      "an option followed by another option instead of its value",
      ["check", URL_, "--reporter", "--output", "r.json"],
      "--reporter needs a value: one of pretty, json, junit, sarif, markdown, html (the next word, --output, is an option; write --reporter=--output if that is the value)",
    ],
    ["a value given to a switch", ["check", URL_, "--strict=yes"], '--strict is a switch and takes no value: drop "=yes"'],
  ])("refuses %s in one sentence", (_, argv, error) => {
    expect(parseCommandLine(argv)).toEqual({ error });
  });

  it("reads values the way parseArgs does in strict mode", () => {
    const parsed = parseCommandLine(["check", URL_, "--reporter", "json", "--reporter=junit", "--output", "-", "--strict", "-h", "--", "--not-an-option"]);
    expect(parsed).toEqual({ values: { reporter: ["json", "junit"], output: ["-"], strict: true, help: true }, positionals: ["check", URL_, "--not-an-option"] });
  });
});

describe("unknownCommand", () => {
  it("names the closest command, or lists them all", () => {
    expect(unknownCommand("chek")).toBe('unknown command "chek"; did you mean check?');
    expect(unknownCommand("lint")).toBe('unknown command "lint"; did you mean lint-spec?');
    expect(unknownCommand("run")).toBe('unknown command "run": use check, baseline, lint-spec or list');
  });
});
