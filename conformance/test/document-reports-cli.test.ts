/**
 * The document reporters through the CLI, as a child process: on stdout (pretty, and the one-line
 * verdict, move to stderr so the document stays whole) and as files beside the machine reports
 * (one --output base name: <base>.md next to <base>.json), with the verdict still on the terminal.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../src/report/model.js";
import { startFixture } from "./fixtures/fixture-server.js";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const VERDICT = /^FAIL \d+ passed, 1 failed, 0 warnings, \d+ skipped of \d+ checks in \d+ ms; profile spice \(url\)$/m;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CLI, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === "number" ? error.code : error ? null : 0, stdout, stderr });
    });
  });
}

describe("markdown from the CLI", () => {
  it("writes the document to stdout, with pretty and the verdict on stderr", async () => {
    await using server = await startFixture({ defect: "bad-retry" });
    const run = await cli("check", server.sseUrl, "--only", "sse", "--timeout", "2000", "--reporter", "pretty,markdown");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^## ❌ mcp-contract: FAIL\n/);
    expect(run.stdout).toContain("| ✘ failed | `sse-framing` | MUST |");
    expect(run.stdout).not.toMatch(VERDICT);
    expect(run.stderr).toMatch(/✘ sse-framing/);
    expect(run.stderr).toMatch(VERDICT);
  });

  it("writes <base>.md beside <base>.json from one --output, and still prints the verdict", async () => {
    await using server = await startFixture({ defect: "bad-retry" });
    const dir = await mkdtemp(join(tmpdir(), "mcp-contract-docs-"));
    try {
      const base = join(dir, "reports/mcp-contract");
      const run = await cli("check", server.sseUrl, "--only", "sse", "--timeout", "2000", "--reporter", "markdown,json", "--output", base);
      expect(run.code).toBe(1);
      // No pretty reporter: the verdict alone, on stdout (no report is there).
      expect(run.stdout).toMatch(new RegExp(`^${VERDICT.source.slice(1, -1)}\\n$`));
      const json = JSON.parse(await readFile(`${base}.json`, "utf8")) as Report;
      const md = await readFile(`${base}.md`, "utf8");
      expect(md).toContain(`**FAIL**: ${json.summary.passed} passed · 1 failed · 0 warnings`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
