/**
 * The CLI end to end, as a child process: exit codes 0/1/2, --strict, --only/--skip, and machine
 * reports written to files.
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allChecks } from "../src/checks/registry.js";
import type { Report } from "../src/report/model.js";
import { startFixture } from "./fixtures/fixture-server.js";
import { startRegistryFixture } from "./fixtures/registry-fixture.js";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return cliIn(process.env, ...args);
}

/** The CLI with a given environment (e.g. without the GitHub Actions variables it reads defaults from). */
function cliIn(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CLI, ...args], { timeout: 20_000, env }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? null : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Sequential: each case starts a Node process, and two cores are shared with other suites.
describe("mcp-contract CLI", () => {
  it("exits 0 against a correct server, with a line per check and a summary", async () => {
    await using server = await startFixture();
    const run = await cli("check", server.sseUrl, "--strict", "--timeout", "2000");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ sse-framing \d+ ms/);
    expect(run.stdout).toMatch(/○ security-auth-enforced {2}skipped: no credentials given/);
    expect(run.stdout).toMatch(new RegExp(`^PASS \\d+ passed, 0 failed, 0 warnings, \\d+ skipped of ${allChecks.length} checks in \\d+ ms; profile spice \\(url\\)$`, "m"));
  });

  it("exits 1 when a check fails, showing its evidence", async () => {
    await using server = await startFixture({ defect: "bad-retry" });
    const run = await cli("check", server.sseUrl, "--only", "sse", "--timeout", "2000");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✘ sse-framing \d+ ms {2}line \d+ \(byte \d+\): retry value "1s" is not ASCII digits only/);
    expect(run.stdout).toContain("stream event: endpoint\\ndata: /v1/mcp/sse?sessionId=");
    expect(run.stdout).toMatch(/^FAIL /m);
  });

  it("counts warnings as failures only with --strict", async () => {
    await using server = await startFixture({ defect: "no-cache-control" });
    const lenient = await cli("check", server.sseUrl, "--only", "sse-cache-control");
    const strict = await cli("check", server.sseUrl, "--only", "sse-cache-control", "--strict");
    expect(lenient.stdout).toMatch(/▲ sse-cache-control \(SHOULD\)/);
    expect([lenient.code, strict.code]).toEqual([0, 1]);
  });

  it("runs only the selected checks and their prerequisites, minus --skip", async () => {
    await using server = await startFixture();
    const run = await cli("check", server.sseUrl, "--only", "mcp-tools-call,sse-cache-control", "--skip", "sse-response-headers", "--reporter", "json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.results.map((r) => r.id)).toEqual([
      "sse-cache-control",
      "sse-endpoint-first",
      "endpoint-same-origin",
      "endpoint-resolves",
      "post-request-accepted",
      "mcp-initialize",
      "mcp-tools-list",
      "mcp-tools-call",
    ]);
  });

  it("writes the JSON report to --output while pretty stays on stdout", async () => {
    await using server = await startFixture({ defect: "no-cache-control" });
    const dir = await mkdtemp(join(tmpdir(), "mcp-contract-"));
    try {
      const file = join(dir, "out", "report.json");
      const run = await cli("check", server.sseUrl, "--only", "sse", "--reporter", "pretty", "--reporter", "json", "--output", file, "--strict");
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FAIL .* \(--strict: warnings count\)$/m);
      const report = JSON.parse(await readFile(file, "utf8")) as Report;
      expect(report).toMatchObject({ outcome: "fail", options: { strict: true }, summary: { failed: 0, warnings: 1 } });
      expect(report.results.find((r) => r.id === "sse-cache-control")).toMatchObject({ status: "warning", level: "SHOULD", evidence: { response: { status: 200 } } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes a baseline, passes with it, fails once an entry is stale, and writes SARIF", async () => {
    await using broken = await startFixture({ defect: "bad-retry" });
    await using correct = await startFixture();
    const dir = await mkdtemp(join(tmpdir(), "mcp-contract-"));
    try {
      const file = join(dir, "baseline.json");
      const written = await cli("baseline", broken.sseUrl, "--only", "sse", "--write", file);
      expect([written.code, written.stderr]).toEqual([0, expect.stringContaining(`wrote 1 expected failure(s) to ${file}`)]);
      expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ expectedFailures: [{ id: "sse-framing", reason: expect.stringMatching(/^failed when written: line \d+/) }] });

      const expected = await cli("check", broken.sseUrl, "--only", "sse", "--baseline", file, "--reporter", "pretty", "--reporter", "sarif", "--output", join(dir, "r.sarif"));
      expect(expected.code).toBe(0);
      expect(expected.stdout).toMatch(/⊘ sse-framing \d+ ms {2}expected failure \(failed when written: /);
      const sarif = JSON.parse(await readFile(join(dir, "r.sarif"), "utf8")) as { runs: { results: { baselineState: string }[] }[] };
      expect(sarif.runs[0]?.results.map((r) => r.baselineState)).toEqual(["unchanged"]);

      const stale = await cli("check", correct.sseUrl, "--only", "sse", "--baseline", file);
      expect(stale.code).toBe(1);
      expect(stale.stdout).toContain(`stale baseline entry sse-framing: the check now passes; remove it from ${file}`);
      expect(stale.stdout).toMatch(new RegExp(`^FAIL .*, 1 stale baseline entry \\(now passing: remove from ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\)$`, "m"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("places SARIF results in the --sarif-location file of the repository, and refuses a missing one before running", async () => {
    await using server = await startFixture({ defect: "bad-retry" });
    const dir = await mkdtemp(join(tmpdir(), "mcp-contract-"));
    try {
      const file = join(dir, "r.sarif");
      const run = await cli("check", server.sseUrl, "--only", "sse", "--reporter", "sarif", "--output", file, "--sarif-location", "examples/github-actions/mcp-contract.yml");
      expect([run.code, run.stderr]).toEqual([1, ""]);
      const sarif = JSON.parse(await readFile(file, "utf8")) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      const uris = sarif.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
      expect(uris).toEqual(["conformance/examples/github-actions/mcp-contract.yml"]);

      const missing = await cli("check", server.sseUrl, "--reporter", "sarif", "--sarif-location", "no-such.yml");
      expect([missing.code, missing.stdout]).toEqual([2, ""]);
      expect(missing.stderr).toMatch(/^mcp-contract: --sarif-location no-such\.yml: no such file; name a file of your repository/);

      // No file named and no default (not in GitHub Actions): the report is still written, with advice on stderr.
      const { GITHUB_WORKFLOW_REF: _, ...outsideActions } = process.env;
      const unplaced = await cliIn(outsideActions, "check", server.sseUrl, "--only", "sse", "--reporter", "sarif", "--output", file);
      expect(unplaced.code).toBe(1);
      expect(unplaced.stderr).toMatch(/SARIF results name no repository file.*add --sarif-location/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("prints a one-line summary on stdout when the only reporter writes a file", async () => {
    await using server = await startFixture();
    const dir = await mkdtemp(join(tmpdir(), "mcp-contract-"));
    try {
      const file = join(dir, "x.xml");
      const run = await cli("check", server.sseUrl, "--only", "sse", "--reporter", "junit", "--output", file);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^PASS \d+ passed, 0 failed, 0 warnings, \d+ skipped of \d+ checks in \d+ ms; profile \w+ \(\w+\)\n$/);
      expect(await readFile(file, "utf8")).toMatch(/^<\?xml/);
      // A report on stdout keeps stdout parseable: the summary goes to stderr then.
      const json = await cli("check", server.sseUrl, "--only", "sse", "--reporter", "json");
      expect(JSON.parse(json.stdout)).toMatchObject({ outcome: "pass" });
      expect(json.stderr).toMatch(/^PASS \d+ passed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // `list` writes its lines in one burst, so its reader closes before the first line (like `head -0`).
  it.each([
    [["list"], "at once"],
    [["check", "<url>", "--only", "sse"], "after the first line"],
  ])("exits quietly when its reader closes stdout early (%j, closed %s)", async (args, when) => {
    await using server = await startFixture();
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args.map((a) => (a === "<url>" ? server.sseUrl : a))], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    // Like `head -1`: read the first line, then close the pipe while the CLI still has lines to write.
    if (when === "at once") child.stdout.destroy();
    else child.stdout.once("data", () => child.stdout.destroy());
    const [code] = (await once(child, "close")) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(code).toBe(0);
  });

  it("runs the registry checks against --registry", async () => {
    await using registry = await startRegistryFixture("no-409");
    const run = await cli("check", `${registry.url}/v1/mcp/sse`, "--registry", registry.url, "--only", "registry", "--reporter", "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.target.registryUrl).toBe(`${registry.url}/`);
    expect(report.results.filter((r) => r.status !== "passed").map((r) => r.id)).toEqual(["registry-duplicate-name-409"]);
  });

  it.each([
    [["check"], /missing <url>/],
    [["check", "http://127.0.0.1:9/sse", "--baseline", "/nonexistent/baseline.json"], /--baseline \/nonexistent\/baseline\.json: cannot read it \(ENOENT\)/],
    [["check", "http://127.0.0.1:9/sse", "--only", "sse-framin"], /unknown check or group "sse-framin"\. Did you mean: sse-framing/],
  ])("exits 2 with a way to fix it for %j", async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
