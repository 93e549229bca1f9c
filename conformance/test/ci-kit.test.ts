/**
 * The CI kit for users (examples/github-actions/mcp-contract.yml): its structure, and its `run:`
 * steps executed here, in order, with bash, as a runner would. Nothing goes to the network, so
 * three things are substituted, and only these:
 *   - `npm ci` is not run: this repository's dependencies are already installed;
 *   - `npm start` becomes this repository's reference server (src/main.ts through tsx) on port 0,
 *     which prints its Spice SSE URL; the workflow's own wait loop reads it from the log;
 *   - `npx mcp-contract` becomes `node <dist>/cli.js` of conformance built with its own tsc build
 *     (into test-output/, as the published package ships it), since npx would fetch the package.
 * The `uses:` steps (checkout, setup-node, the two uploads) are not run; the test checks that the
 * uploads point at the files the check step wrote, and that those files are what they claim.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { allChecks } from "../src/checks/registry.js";
import { LocalJob, type WorkflowStep } from "./ci-kit/local-job.js";
import { CONFORMANCE_DIR, packageDir } from "./peers/peers.js";

const WORKFLOW_FILE = join(CONFORMANCE_DIR, "examples/github-actions/mcp-contract.yml");
const BUILD_DIR = join(CONFORMANCE_DIR, "test-output/ci-kit");
const REFERENCE_MAIN = fileURLToPath(new URL("../../apps/reference-server/src/main.ts", import.meta.url));
const STEP_LIMIT_MS = 60_000;

interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly permissions: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, { readonly env: Readonly<Record<string, string>>; readonly steps: readonly WorkflowStep[] }>>;
}

const workflow = parse(readFileSync(WORKFLOW_FILE, "utf8")) as Workflow;
const job = Object.values(workflow.jobs)[0];
const steps = job?.steps ?? [];
const stepUsing = (action: string): WorkflowStep | undefined => steps.find((step) => step.uses?.startsWith(`${action}@`));
const checkStep = steps.find((step) => step.run?.includes("npx mcp-contract check"));

/** The files the check step writes, from its command line: one --output per machine reporter, in order (the CLI's rule). */
function plannedOutputs(run: string): Record<string, string> {
  const words = run.slice(run.indexOf("npx mcp-contract check")).split(/\s+/);
  const valuesOf = (flag: string): string[] => words.flatMap((word, i) => (word === flag && words[i + 1] ? [words[i + 1] ?? ""] : []));
  const machine = [...new Set(valuesOf("--reporter").filter((reporter) => reporter !== "pretty"))];
  const outputs = valuesOf("--output");
  expect(outputs).toHaveLength(machine.length);
  return Object.fromEntries(machine.map((reporter, i) => [reporter, outputs[i] ?? ""]));
}

describe("the example GitHub Actions workflow", () => {
  it("runs on pushes and pull requests, on Node 20, and may upload code-scanning results", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(workflow.permissions).toMatchObject({ contents: "read", "security-events": "write" });
    expect(stepUsing("actions/checkout")).toBeDefined();
    expect(stepUsing("actions/setup-node")?.with).toMatchObject({ "node-version": 20 });
    const order = ["npm ci", "npm start", "npx mcp-contract check"].map((text) => steps.findIndex((step) => step.run?.includes(text)));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > (order[i - 1] ?? 0)))).toBe(true);
  });

  it("uploads, even after a failed check, exactly the files the check step writes", () => {
    const outputs = plannedOutputs(checkStep?.run ?? "");
    expect(Object.keys(outputs).sort()).toEqual(["junit", "sarif"]);
    const junitUpload = stepUsing("actions/upload-artifact");
    const sarifUpload = stepUsing("github/codeql-action/upload-sarif");
    expect(junitUpload?.with?.["path"]).toBe(outputs["junit"]);
    expect(sarifUpload?.with?.["sarif_file"]).toBe(outputs["sarif"]);
    for (const upload of [junitUpload, sarifUpload]) expect(upload?.if).toMatch(/^always\(\)/);
  });
});

describe("the example workflow's steps, run locally against the reference server", () => {
  const workspace = mkdtempSync(join(tmpdir(), "mcp-contract-ci-kit-"));
  const cli = join(BUILD_DIR, "dist/cli.js");
  const runs: { name: string; code: number | null; output: string }[] = [];
  const substituted = new Map<string, number>();
  let localJob: LocalJob | undefined;

  beforeAll(async () => {
    // The package as published: tsc's build of src, next to a copy of package.json (the CLI reads its version there).
    rmSync(BUILD_DIR, { recursive: true, force: true });
    mkdirSync(BUILD_DIR, { recursive: true });
    copyFileSync(join(CONFORMANCE_DIR, "package.json"), join(BUILD_DIR, "package.json"));
    const tsc = join(packageDir("typescript"), "bin/tsc");
    await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", join(BUILD_DIR, "dist"), "--declaration", "false", "--declarationMap", "false", "--sourceMap", "false"], {
      cwd: CONFORMANCE_DIR,
      timeout: STEP_LIMIT_MS,
    });

    const tsx = pathToFileURL(join(packageDir("tsx"), "dist/loader.mjs")).href;
    const substitutions: [string, string][] = [
      ["npm start", `node --import ${tsx} ${REFERENCE_MAIN} --port 0 --db :memory:`],
      ["npx mcp-contract", `node ${cli}`],
    ];
    // As in Actions: the workflow file is checked out and GITHUB_WORKFLOW_REF names it (the SARIF results are placed in it).
    mkdirSync(join(workspace, ".github/workflows"), { recursive: true });
    copyFileSync(WORKFLOW_FILE, join(workspace, ".github/workflows/mcp-contract.yml"));
    localJob = new LocalJob(workspace, { ...job?.env, GITHUB_WORKFLOW_REF: "octo/server/.github/workflows/mcp-contract.yml@refs/heads/main" });
    let failed = false;
    for (const step of steps) {
      if (step.run === undefined) continue;
      const name = step.name ?? step.run;
      if (step.run.trim() === "npm ci") {
        runs.push({ name, code: 0, output: "not run: dependencies are installed" });
        continue;
      }
      // Like a runner: after a failure, only `always()` steps run.
      if (failed && !step.if?.startsWith("always()")) continue;
      let script = step.run;
      for (const [from, to] of substitutions) {
        substituted.set(from, (substituted.get(from) ?? 0) + script.split(from).length - 1);
        script = script.replaceAll(from, to);
      }
      const run = await localJob.run(step, script, STEP_LIMIT_MS);
      runs.push({ name, ...run });
      failed ||= run.code !== 0;
    }
  }, 3 * STEP_LIMIT_MS);

  afterAll(async () => {
    await localJob?.[Symbol.asyncDispose]();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("starts the server, reads its SSE URL from the log, checks it and stops it, every step exiting 0", () => {
    expect(Object.fromEntries(substituted)).toEqual({ "npm start": 1, "npx mcp-contract": 1 });
    expect(runs.map(({ name, code }) => [name, code])).toEqual(steps.filter((step) => step.run !== undefined).map((step) => [step.name ?? step.run, 0]));
    expect(localJob?.env()["MCP_SSE_URL"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/mcp\/sse$/);
    const check = runs.find((run) => run.name === checkStep?.name);
    expect(check?.output).toMatch(/PASS \d+ passed, 0 failed, 0 warnings, \d+ skipped of \d+ checks/);
  });

  it("writes a JUnit report that parses as XML, with a testcase per check", () => {
    const file = join(workspace, plannedOutputs(checkStep?.run ?? "")["junit"] ?? "");
    const xml = readFileSync(file, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as { testsuites: { tests: string; failures: string } };
    expect(parsed.testsuites).toMatchObject({ tests: String(allChecks.length), failures: "0" });
  });

  it("writes a SARIF report that is JSON from the mcp-contract driver", () => {
    const file = join(workspace, plannedOutputs(checkStep?.run ?? "")["sarif"] ?? "");
    expect(existsSync(file)).toBe(true);
    const sarif = JSON.parse(readFileSync(file, "utf8")) as { version: string; runs: { tool: { driver: { name: string } } }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.tool.driver.name).toBe("mcp-contract");
    // The workflow itself is the file its results are filed under: no advice to name one.
    const check = runs.find((run) => run.name === checkStep?.name);
    expect(check?.output).not.toContain("--sarif-location");
  });
});
