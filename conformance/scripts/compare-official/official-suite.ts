/**
 * The official conformance suite (`@modelcontextprotocol/conformance`) as the comparison uses it:
 * installed with npm into a scratch folder outside the repository (it is an alpha with its own SDK
 * and @octokit/rest, so not a devDependency), started with the Node 20 preload, run in server mode
 * against a URL with a bound, and its result folders read back.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type OfficialRun, parseOfficialRun } from "./comparison-model.js";
import { runBounded } from "../run-bounded.js";

export interface OfficialSuite {
  readonly version: string;
  /** The scratch folder it is installed in (its result folders are written there too). */
  readonly dir: string;
  /** dist/index.js of the installed package. */
  readonly entry: string;
}

const INSTALL_TIMEOUT_MS = 5 * 60_000;
const HELP_TIMEOUT_MS = 30_000;

/** Installs `version` under `<scratch>/<version>` unless that exact version is there already. */
export async function installSuite(scratch: string, version: string): Promise<OfficialSuite> {
  const dir = join(scratch, version);
  const pkg = join(dir, "node_modules/@modelcontextprotocol/conformance");
  const installed = existsSync(join(pkg, "package.json")) && (JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { version: string }).version === version;
  if (!installed) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, description: "scratch install of the official MCP conformance suite" })}\n`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await runBounded(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", `@modelcontextprotocol/conformance@${version}`], { cwd: dir, env: process.env, timeoutMs: INSTALL_TIMEOUT_MS });
    if (result.code !== 0) throw new Error(`npm install @modelcontextprotocol/conformance@${version} failed (${result.timedOut ? "timed out" : `exit ${result.code}`}): ${result.stderr.slice(-2000)}`);
  }
  return { version, dir, entry: join(pkg, "dist/index.js") };
}

/** How `--help` fares on this Node without the preload: "starts", or the first error line it printed. */
export async function bareStart(suite: OfficialSuite): Promise<string> {
  const result = await runBounded(process.execPath, [suite.entry, "--help"], { env: withoutNodeOptions(), timeoutMs: HELP_TIMEOUT_MS });
  if (result.code === 0) return "starts";
  // Node prints the offending source line first (the bundle's imports, which name ZodError): the
  // error itself is the line that starts with its name and a colon.
  const line = result.stderr.split("\n").find((text) => /^\s*[A-Z]\w*Error: /.test(text));
  return `exits ${result.code ?? "by signal"}: ${line?.trim() ?? result.stderr.trim().slice(0, 300)}`;
}

/** Runs `server --url <url> <args>` with the preload and reads the result folders it wrote. */
export async function runOfficial(suite: OfficialSuite, preload: string, url: URL, label: string, args: readonly string[], timeoutMs: number): Promise<OfficialRun> {
  const out = mkdtempSync(join(suite.dir, "out-"));
  try {
    const result = await runBounded(process.execPath, ["--import", preload, suite.entry, "server", "--url", url.href, "-o", out, ...args], { env: withoutNodeOptions(), timeoutMs });
    const files = Object.fromEntries(
      readdirSync(out, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(out, entry.name, "checks.json")))
        .map((entry) => [entry.name, readFileSync(join(out, entry.name, "checks.json"), "utf8")]),
    );
    const run = parseOfficialRun(label, files, result.stdout);
    if (Object.keys(files).length === 0) {
      const why = result.timedOut ? `no result within ${timeoutMs} ms` : `exit ${result.code}: ${(result.stderr || result.stdout).trim().slice(-400)}`;
      return { ...run, error: why };
    }
    return result.timedOut ? { ...run, error: `stopped after ${timeoutMs} ms; the scenarios that finished are counted` } : run;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function withoutNodeOptions(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _dropped, ...rest } = process.env;
  return rest;
}
