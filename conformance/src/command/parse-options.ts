/**
 * Turns parsed flags into run options and output routing, or a usage error that says how to fix
 * the command line. No I/O here.
 */
import type { RunOptions } from "../runner.js";
import type { Profile } from "../report/model.js";
import type { TargetChoice } from "../target/resolve-target.js";
import { allChecks } from "../checks/registry.js";
import { selectChecks } from "../run/select-checks.js";
import { choiceError } from "./argument-errors.js";

/** The flag values as node:util parseArgs returns them. */
export interface CheckFlags {
  readonly profile?: string | undefined;
  readonly transport?: string | undefined;
  readonly era?: string | undefined;
  readonly tool?: string | undefined;
  readonly "tool-args"?: string | undefined;
  readonly "capability-tool"?: string | undefined;
  readonly header?: string[] | undefined;
  readonly bearer?: string | undefined;
  readonly only?: string[] | undefined;
  readonly skip?: string[] | undefined;
  readonly timeout?: string | undefined;
  readonly deadline?: string | undefined;
  readonly "keepalive-wait"?: string | undefined;
  readonly "rate-limit"?: string | undefined;
  readonly reporter?: string[] | undefined;
  readonly output?: string[] | undefined;
  readonly strict?: boolean | undefined;
  readonly registry?: string | undefined;
  readonly "registry-token"?: string | undefined;
  readonly baseline?: string | undefined;
  readonly write?: string | undefined;
  readonly "sarif-location"?: string | undefined;
}

export type ReporterName = "pretty" | MachineReporter;

/** Reporters that write a file (or stdout) rather than live progress. */
export type MachineReporter = "json" | "junit" | "sarif" | "markdown" | "html";

/** Where each reporter writes: a file path, or a standard stream. */
export interface OutputPlan {
  readonly pretty?: "stdout" | "stderr" | undefined;
  readonly machine: readonly { readonly reporter: MachineReporter; readonly to: string | "stdout" }[];
}

/** Run options (the baseline not loaded yet: that is I/O), output routing, and the baseline file. */
export type ParsedCheck =
  | { readonly run: RunOptions; readonly outputs: OutputPlan; readonly baselineFile?: string | undefined; readonly sarifLocation?: string | undefined }
  | { readonly error: string };

/** The values each option with a fixed list takes. */
export const CHOICES = {
  profile: ["auto", "spice", "opensearch", "celonis", "generic"],
  transport: ["auto", "http+sse", "streamable-http"],
  era: ["auto", "legacy", "modern"],
  reporter: ["pretty", "json", "junit", "sarif", "markdown", "html"],
} as const satisfies Record<string, readonly string[]>;
const CREDENTIAL = /^(authorization|proxy-authorization|cookie)$|key|token|secret|auth|password/i;
const EXTENSION = { json: "json", junit: "xml", sarif: "sarif", markdown: "md", html: "html" } as const;
const EXAMPLE_URL = "http://127.0.0.1:8090/mcp";

export function parseCheckOptions(positionals: readonly string[], flags: CheckFlags): ParsedCheck {
  if (flags.baseline !== undefined && flags.baseline.trim() === "") return { error: "--baseline needs a file: --baseline mcp-contract-baseline.json" };
  const [url, ...extra] = positionals;
  if (url === undefined) return { error: `missing <url>: give the MCP endpoint to check, e.g. mcp-contract check ${EXAMPLE_URL}` };
  if (extra.length > 0) return { error: `unexpected argument${extra.length > 1 ? "s" : ""} ${extra.join(" ")} after ${url}: give exactly one <url> (options start with --)` };
  const sseUrl = endpointUrl(url);
  if ("error" in sseUrl) return sseUrl;
  let registryUrl: URL | undefined;
  if (flags.registry !== undefined) {
    try {
      registryUrl = new URL(flags.registry);
    } catch {
      registryUrl = undefined;
    }
    if (!registryUrl || (registryUrl.protocol !== "http:" && registryUrl.protocol !== "https:")) {
      return { error: `--registry ${flags.registry}: give the registry's http(s) base URL (the part before /v1/mcp-servers), e.g. http://127.0.0.1:8090` };
    }
  }
  const registryToken = flags["registry-token"]?.trim();
  if (flags["registry-token"] !== undefined && (registryUrl === undefined || !registryToken)) {
    return { error: "--registry-token needs --registry <base-url> and a token: the registry's operator credential (the server's --admin-token)" };
  }
  const transport = flags.transport ?? "auto";
  if (!isChoice("transport", transport)) return { error: choiceError("transport", transport, CHOICES.transport) };
  const era = flags.era ?? "auto";
  if (!isChoice("era", era)) return { error: choiceError("era", era, CHOICES.era) };
  if (transport === "http+sse" && era !== "auto") return { error: `--transport http+sse has no eras: drop --era ${era}, or use --transport streamable-http` };
  if (flags["tool-args"] !== undefined && flags.tool === undefined) return { error: "--tool-args needs --tool NAME: the tool they are for" };
  if (flags.tool !== undefined && flags.tool.trim() === "") return { error: "--tool needs the name of a listed tool that is safe to call" };
  const capabilityTool = flags["capability-tool"]?.trim();
  if (capabilityTool === "") return { error: "--capability-tool needs the name of a listed tool that needs a client capability (e.g. elicitation)" };
  let toolArgs: Record<string, unknown> | undefined;
  if (flags["tool-args"] !== undefined) {
    const parsed = jsonObject(flags["tool-args"]);
    if ("error" in parsed) return parsed;
    toolArgs = parsed.value;
  }
  const profile = flags.profile ?? "auto";
  if (!isChoice("profile", profile)) return { error: choiceError("profile", profile, CHOICES.profile) };

  const headers: Record<string, string> = {};
  const credentialHeaders: string[] = [];
  for (const header of flags.header ?? []) {
    const colon = header.indexOf(":");
    const name = header.slice(0, colon).trim();
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { error: `--header ${JSON.stringify(header)}: write it as 'Name: value'` };
    headers[name] = header.slice(colon + 1).trim();
    if (CREDENTIAL.test(name)) credentialHeaders.push(name.toLowerCase());
  }
  if (flags.bearer !== undefined) {
    if (flags.bearer.trim() === "") return { error: "--bearer needs a token" };
    headers["Authorization"] = `Bearer ${flags.bearer.trim()}`;
    credentialHeaders.push("authorization");
  }

  const numbers: Record<string, number | undefined> = {};
  for (const [flag, min, max] of [["timeout", 1, 600_000], ["deadline", 1, 3_600_000], ["keepalive-wait", 1, 600_000], ["rate-limit", 1, 100_000]] as const) {
    const raw = flags[flag];
    if (raw === undefined) continue;
    const value = raw.trim() === "" ? Number.NaN : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) return { error: numberError(flag, raw, value, min, max) };
    numbers[flag] = value;
  }

  const only = (flags.only ?? []).flatMap(split);
  const skip = (flags.skip ?? []).flatMap(split);
  // Known before anything is sent, so a mistyped id is one usage error and not a started run.
  const selection = selectChecks(allChecks, only, skip);
  if ("error" in selection) return selection;

  const reporters = (flags.reporter ?? ["pretty"]).flatMap(split);
  for (const reporter of reporters) {
    if (!isChoice("reporter", reporter)) return { error: choiceError("reporter", reporter, CHOICES.reporter) };
  }
  if (reporters.length === 0) return { error: `--reporter needs a value: one of ${CHOICES.reporter.join(", ")}` };
  const outputs = planOutputs(reporters as ReporterName[], flags.output ?? []);
  if ("error" in outputs) return outputs;
  const sarifLocation = flags["sarif-location"];
  if (sarifLocation !== undefined && !outputs.machine.some(({ reporter }) => reporter === "sarif")) {
    return { error: "--sarif-location places the results of a SARIF report: add --reporter sarif" };
  }
  if (sarifLocation !== undefined && sarifLocation.trim() === "") return { error: "--sarif-location needs a file of your repository, e.g. .github/workflows/mcp-contract.yml" };

  return {
    run: {
      sseUrl,
      profile: profile === "auto" ? "auto" : (profile as Profile),
      choice: { transport: transport as TargetChoice["transport"], era: era as TargetChoice["era"] },
      headers,
      credentialHeaders,
      only,
      skip,
      timeoutMs: numbers["timeout"] ?? 5_000,
      deadlineMs: numbers["deadline"],
      keepaliveWaitMs: numbers["keepalive-wait"],
      rateLimit: numbers["rate-limit"],
      registryUrl,
      ...(registryToken && { registryToken }),
      ...(flags.tool !== undefined && { tool: { name: flags.tool.trim(), args: toolArgs } }),
      // --tool-args are that tool's: they go with the capability tool only when --tool names it too.
      ...(capabilityTool !== undefined && { capabilityTool: { name: capabilityTool, args: flags.tool?.trim() === capabilityTool ? toolArgs : undefined } }),
      strict: flags.strict ?? false,
    },
    outputs,
    baselineFile: flags.baseline,
    sarifLocation,
  };
}

function planOutputs(reporters: readonly ReporterName[], files: readonly string[]): OutputPlan | { error: string } {
  const machine = [...new Set(reporters.filter((r): r is MachineReporter => r !== "pretty"))];
  const wantsPretty = reporters.includes("pretty");
  if (files.length === 0) {
    if (machine.length > 1) return { error: `${machine.join(" and ")} cannot share stdout: add --output <file> (once, or once per reporter)` };
    const [only] = machine;
    return {
      pretty: wantsPretty ? (only ? "stderr" : "stdout") : undefined,
      machine: only ? [{ reporter: only, to: "stdout" }] : [],
    };
  }
  if (machine.length === 0) return { error: "--output writes a report file: add --reporter json, junit, sarif, markdown or html" };
  if (files.length === machine.length) {
    return { pretty: wantsPretty ? "stdout" : undefined, machine: machine.map((reporter, i) => ({ reporter, to: files[i] ?? "" })) };
  }
  if (files.length === 1) {
    return { pretty: wantsPretty ? "stdout" : undefined, machine: machine.map((reporter) => ({ reporter, to: `${files[0]}.${EXTENSION[reporter]}` })) };
  }
  return { error: `${files.length} --output files for ${machine.length} machine reporters: give one per reporter, in order, or just one` };
}

function isChoice(flag: keyof typeof CHOICES, value: string): boolean {
  return (CHOICES[flag] as readonly string[]).includes(value);
}

/** The endpoint URL, or what was wrong with it: the word given, and what to give instead. */
function endpointUrl(given: string): URL | { error: string } {
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  // "127.0.0.1:8090/mcp" is no URL, and "localhost:8090/mcp" one of scheme "localhost:": both lack http://.
  const withScheme = !given.includes("://") && URL.canParse(`http://${given}`) ? ` (did you mean http://${given}?)` : "";
  if (url === undefined) return { error: `${JSON.stringify(given)} is not a URL${withScheme}: give the endpoint's full http:// or https:// URL, e.g. ${EXAMPLE_URL}` };
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { error: `${JSON.stringify(given)} is not an http(s) URL (its scheme is ${url.protocol})${withScheme}: mcp-contract checks MCP over HTTP, so give an http:// or https:// URL, e.g. ${EXAMPLE_URL}` };
  }
  return url;
}

/** --tool-args as a JSON object, or where its JSON breaks off. */
function jsonObject(text: string): { value: Record<string, unknown> } | { error: string } {
  const example = `e.g. --tool-args '{"text":"hi"}' (in single quotes, so the shell keeps the double quotes)`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(reason)?.[1];
    const where = at === undefined ? "" : `; it breaks off at character ${Number(at) + 1}: ${JSON.stringify(text.slice(Number(at), Number(at) + 20))}`;
    return { error: `--tool-args ${text} is not JSON (${reason.replace(/ in JSON at position \d+.*$/s, "")})${where}; give the arguments as a JSON object, ${example}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return { error: `--tool-args ${text} is ${kind}, not a JSON object: give the arguments by name, ${example}` };
  }
  return { value: value as Record<string, unknown> };
}

function numberError(flag: string, raw: string, value: number, min: number, max: number): string {
  const range = `a whole number from ${min} to ${max}`;
  const unit = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min)\s*$/i.exec(raw);
  if (unit && flag !== "rate-limit") {
    const factor = { ms: 1, s: 1_000, sec: 1_000, m: 60_000, min: 60_000 }[(unit[2] ?? "ms").toLowerCase() as "ms"];
    return `--${flag} ${raw}: give milliseconds with no unit, e.g. --${flag} ${Math.round(Number(unit[1]) * factor)}`;
  }
  if (Number.isNaN(value)) return `--${flag} ${raw === "" ? '""' : raw} is not a number: give ${range}`;
  if (!Number.isInteger(value)) return `--${flag} ${raw} is not a whole number: give ${range}`;
  return `--${flag} ${raw} is out of range: give ${range}`;
}

function split(value: string): string[] {
  return value.split(",").map((part) => part.trim()).filter(Boolean);
}
