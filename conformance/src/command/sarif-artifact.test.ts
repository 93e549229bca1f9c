/**
 * Which file SARIF results are placed in: the named file, the baseline, the running workflow,
 * always as a path relative to the repository root; a named file that is missing or outside the
 * repository is a usage error that says what to give instead. Real files in a scratch repository.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveSarifArtifact } from "./sarif-artifact.js";

const scratch = mkdtempSync(join(tmpdir(), "mcp-contract-sarif-artifact-"));
const repo = join(scratch, "repo");
const outside = join(scratch, "outside.json");
for (const dir of [".git", ".github/workflows", "api", "ci"]) mkdirSync(join(repo, dir), { recursive: true });
writeFileSync(join(repo, ".github/workflows/mcp.yml"), "name: mcp\n");
writeFileSync(join(repo, "api/open api #1.yaml"), "openapi: 3.1.0\n");
writeFileSync(join(repo, "ci/baseline.json"), '{"expectedFailures": []}\n');
writeFileSync(outside, "{}\n");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const WORKFLOW_ENV = { GITHUB_WORKFLOW_REF: "octo/server/.github/workflows/mcp.yml@refs/heads/main" };
const uriOf = (choice: ReturnType<typeof resolveSarifArtifact>) => ("error" in choice ? choice.error : choice.artifact?.uri);

describe("the file SARIF results are placed in", () => {
  it.each([
    ["--sarif-location, from the root", { flag: "api/open api #1.yaml", cwd: repo }, "api/open%20api%20%231.yaml"],
    ["--sarif-location, from a subfolder", { flag: "../.github/workflows/mcp.yml", cwd: join(repo, "ci") }, ".github/workflows/mcp.yml"],
    ["--sarif-location over the baseline and the workflow", { flag: "api/open api #1.yaml", baselineFile: "ci/baseline.json", cwd: repo, env: WORKFLOW_ENV }, "api/open%20api%20%231.yaml"],
    ["the baseline, by default", { baselineFile: "ci/baseline.json", cwd: repo, env: WORKFLOW_ENV }, "ci/baseline.json"],
    ["the running workflow, without a baseline", { cwd: repo, env: WORKFLOW_ENV }, ".github/workflows/mcp.yml"],
    ["the workflow when the baseline lies outside the repository", { baselineFile: outside, cwd: repo, env: WORKFLOW_ENV }, ".github/workflows/mcp.yml"],
    ["GITHUB_WORKSPACE as the root", { flag: "mcp.yml", cwd: join(repo, ".github/workflows"), env: { GITHUB_WORKSPACE: join(repo, ".github") } }, "workflows/mcp.yml"],
    ["none, outside Actions and without a baseline", { cwd: repo }, undefined],
    ["none, when the workflow file is not checked out", { cwd: repo, env: { GITHUB_WORKFLOW_REF: "octo/server/.github/workflows/gone.yml@refs/heads/main" } }, undefined],
  ] as const)("%s", (_, given, uri) => {
    expect(uriOf(resolveSarifArtifact({ env: {}, ...given }))).toBe(uri);
  });

  it("carries the file's text, for the line that names a check", () => {
    const choice = resolveSarifArtifact({ flag: "ci/baseline.json", cwd: repo, env: {} });
    expect(choice).toEqual({ artifact: { uri: "ci/baseline.json", text: '{"expectedFailures": []}\n' } });
  });

  it.each([
    ["a missing file", "api/missing.yaml", /^--sarif-location api\/missing\.yaml: no such file; name a file of your repository .*--sarif-location \.github\/workflows\/mcp-contract\.yml/],
    ["a folder", "api", /^--sarif-location api: no such file/],
    ["a file outside the repository", outside, /is outside the repository at .*repo: name a file inside it/],
  ])("refuses %s, saying what to give", (_, flag, message) => {
    expect(resolveSarifArtifact({ flag, cwd: repo, env: {} })).toEqual({ error: expect.stringMatching(message) });
  });
});
