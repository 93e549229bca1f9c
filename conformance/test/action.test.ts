/**
 * The reusable GitHub Action (action.yml at the repository root): its structure, and its `run:`
 * steps executed here in order with bash, as a runner runs a composite action, against a real
 * server on port 0. Only two things are substituted: `${{ inputs.* }}` and
 * `${{ steps.check.outputs.* }}` in the steps' env (the runner's expression evaluation), and
 * `npx --yes --package … mcp-contract` becomes this checkout's CLI through tsx (npx would fetch the
 * package). The `uses:` steps (setup-node, the uploads) are not run; their paths are checked
 * against the files the check step wrote.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LocalJob, type WorkflowStep } from "./ci-kit/local-job.js";
import { startFixture } from "./fixtures/fixture-server.js";
import { CONFORMANCE_DIR, packageDir, startReferenceServer } from "./peers/peers.js";

const ACTION_FILE = fileURLToPath(new URL("../../action.yml", import.meta.url));
const CLI = join(CONFORMANCE_DIR, "src/cli.ts");
const NPX = 'npx --yes --package "$MCP_CONTRACT_PACKAGE" mcp-contract';
const STEP_LIMIT_MS = 60_000;
/** A GitHub Actions expression as the YAML spells it: `${{ inner }}`. */
const expr = (inner: string): string => `$${"{{"} ${inner} }}`;

interface ActionInput {
  readonly required?: boolean;
  readonly default?: string;
}
interface Action {
  readonly inputs: Readonly<Record<string, ActionInput>>;
  readonly outputs: Readonly<Record<string, { readonly value: string }>>;
  readonly runs: { readonly using: string; readonly steps: readonly (WorkflowStep & { readonly id?: string; readonly shell?: string })[] };
}

const action = parse(readFileSync(ACTION_FILE, "utf8")) as Action;
const steps = action.runs.steps;
const uses = (name: string) => steps.find((step) => step.uses?.startsWith(`${name}@`));

/** Reads `name=value` lines (the only form the action writes) of a $GITHUB_OUTPUT file. */
function outputsOf(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => /^([\w-]+)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
}

interface ActionRun {
  readonly codes: readonly (number | null)[];
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly reportDir: string;
  readonly log: string;
}

const workspaces: string[] = [];

/** Runs the action's run: steps like a runner: after a failing step, only always() steps. */
async function runAction(inputs: Record<string, string>): Promise<ActionRun> {
  const workspace = mkdtempSync(join(tmpdir(), "mcp-contract-action-"));
  workspaces.push(workspace);
  const outputFile = join(workspace, ".github-output");
  const summaryFile = join(workspace, ".github-step-summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const given = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ""])), ...inputs };
  const tsx = pathToFileURL(join(packageDir("tsx"), "dist/loader.mjs")).href;
  await using job = new LocalJob(workspace, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile });
  const codes: (number | null)[] = [];
  let failed = false;
  let log = "";
  for (const step of steps) {
    if (step.run === undefined) continue;
    if (failed && !step.if?.startsWith("always()")) continue;
    const stepOutputs = outputsOf(outputFile);
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([name, value]) => [
        name,
        value
          .replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_all, input: string) => given[input] ?? "")
          .replace(/\$\{\{ steps\.check\.outputs\.([\w-]+) \}\}/g, (_all, output: string) => stepOutputs[output] ?? ""),
      ]),
    );
    const script = step.run.replaceAll(NPX, `node --import ${tsx} ${CLI}`);
    const run = await job.run({ ...step, env }, script, STEP_LIMIT_MS);
    codes.push(run.code);
    log += run.output;
    failed ||= run.code !== 0;
  }
  return { codes, outputs: outputsOf(outputFile), summary: readFileSync(summaryFile, "utf8"), reportDir: join(workspace, given["report-dir"] ?? ""), log };
}

afterAll(() => {
  for (const workspace of workspaces) rmSync(workspace, { recursive: true, force: true });
});

describe("the reusable GitHub Action", () => {
  it("is a composite action with a required url, and its outputs come from the check step", () => {
    expect(action.runs.using).toBe("composite");
    expect(action.inputs["url"]).toMatchObject({ required: true });
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value).toBe(expr(`steps.check.outputs.${name}`));
    expect(uses("actions/setup-node")?.with?.["node-version"]).toBe(expr("inputs.node-version"));
  });

  it("reads inputs only through env, so no input can inject shell into a script", () => {
    for (const step of steps.filter((s) => s.run !== undefined)) {
      expect(step.run).not.toContain(expr("").slice(0, 3));
      expect(step.shell).toBe("bash");
    }
  });

  it("uploads the files the check step writes, after a failure too, and SARIF only where the token may write it", () => {
    const check = steps.find((step) => step.id === "check");
    expect(check?.run).toContain('--output "$REPORT_DIR/mcp-contract"');
    const junit = uses("actions/upload-artifact");
    const sarif = uses("github/codeql-action/upload-sarif");
    expect(junit?.with?.["path"]).toBe(`${expr("inputs.report-dir")}/mcp-contract.xml`);
    expect(sarif?.with?.["sarif_file"]).toBe(`${expr("inputs.report-dir")}/mcp-contract.sarif`);
    for (const upload of [junit, sarif]) expect(upload?.if).toMatch(/^always\(\)/);
    expect(sarif?.if).toContain("inputs.sarif-upload == 'true'");
    expect(sarif?.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    const last = steps.at(-1);
    expect(last?.if).toBe("always()");
    expect(last?.run).toContain("CHECK_EXIT_CODE");
  });

  it("passes against the reference server's /mcp: the summary holds the Markdown report, the outputs the counts", async () => {
    await using server = await startReferenceServer("/mcp");
    const run = await runAction({ url: server.sseUrl.href, args: "--timeout 3000" });
    expect(run.codes, run.log).toEqual([0, 0]);
    expect(run.outputs["exit-code"]).toBe("0");
    expect(Number(run.outputs["passed"])).toBeGreaterThan(10);
    expect(run.outputs["failed"]).toBe("0");
    expect(run.summary).toMatch(/^#+ .*mcp-contract/m);
    expect(run.summary).toContain(server.sseUrl.href);
    const report = JSON.parse(readFileSync(join(run.reportDir, "mcp-contract.json"), "utf8")) as { summary: { passed: number } };
    expect(String(report.summary.passed)).toBe(run.outputs["passed"]);
    for (const file of ["mcp-contract.xml", "mcp-contract.sarif", "mcp-contract.md"]) expect(readFileSync(join(run.reportDir, file), "utf8").length).toBeGreaterThan(0);
  }, 3 * STEP_LIMIT_MS);

  it("fails the job when a check fails, after writing the summary naming the failed check", async () => {
    await using fixture = await startFixture({ defect: "post-200-instead-of-202" });
    const run = await runAction({ url: fixture.sseUrl, args: "--timeout 1500", "report-dir": "out/reports" });
    expect(run.codes, run.log).toEqual([0, 1]);
    expect(run.outputs["exit-code"]).toBe("1");
    expect(Number(run.outputs["failed"])).toBeGreaterThan(0);
    expect(run.summary).toContain("post-request-accepted");
    expect(readFileSync(join(run.reportDir, "mcp-contract.sarif"), "utf8")).toContain("post-request-accepted");
  }, 3 * STEP_LIMIT_MS);

  it("passes extra arguments through as separate words, and a usage error fails with exit 2 and a summary line", async () => {
    const run = await runAction({ url: "http://127.0.0.1:9/mcp", args: "--timeout nope" });
    expect(run.codes, run.log).toEqual([0, 2]);
    expect(run.outputs["exit-code"]).toBe("2");
    expect(run.summary).toContain("wrote no report (exit 2)");
    expect(run.log).toContain("--timeout");
  }, 3 * STEP_LIMIT_MS);
});
