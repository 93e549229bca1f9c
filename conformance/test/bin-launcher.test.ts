/**
 * The `mcp-contract` bin launcher (bin/mcp-contract.js): a committed, executable file, so npm links
 * it at install time and no rebuild can drop its mode; it runs dist/cli.js when built and the
 * TypeScript sources (through tsx, `source` export condition) when not, passing arguments and the
 * exit code through. Each mode runs against a small cli of its own in a scratch copy inside the
 * package, so node_modules (tsx) resolve as they do for the real bin.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const PACKAGE_DIR = new URL("..", import.meta.url).pathname;
const LAUNCHER = join(PACKAGE_DIR, "bin/mcp-contract.js");
const SCRATCH = join(PACKAGE_DIR, "test-output/bin-launcher");
const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  files: string[];
};

/** A copy of the launcher beside a `dist/cli.js` and/or `src/cli.ts` that report which one ran. */
function scratchPackage(name: string, parts: { dist?: boolean; src?: boolean }): string {
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "bin"), { recursive: true });
  copyFileSync(LAUNCHER, join(dir, "bin/mcp-contract.js"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const body = (mode: string) =>
    `process.stdout.write(JSON.stringify({ mode: "${mode}", args: process.argv.slice(2) }));\nprocess.exitCode = 3;\n`;
  if (parts.dist) {
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist/cli.js"), body("dist"));
  }
  if (parts.src) {
    mkdirSync(join(dir, "src"));
    // Type syntax on purpose: only tsx can run this file.
    writeFileSync(join(dir, "src/cli.ts"), `const mode: string = "source";\n${body("source").replace('"source"', "mode")}`);
  }
  return join(dir, "bin/mcp-contract.js");
}

async function launch(bin: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [bin, ...args], { timeout: 20_000 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "" };
  }
}

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe("the mcp-contract bin", () => {
  it("is the committed launcher, executable in git, and shipped", async () => {
    expect(manifest.bin["mcp-contract"]).toBe("bin/mcp-contract.js");
    expect(manifest.files).toContain("bin");
    const { stdout } = await run("git", ["ls-files", "--stage", "bin/mcp-contract.js"], { cwd: PACKAGE_DIR });
    expect(stdout.split(/\s+/)[0]).toBe("100755");
  });

  it("runs the TypeScript sources through tsx when nothing is built, passing arguments and the exit code", async () => {
    const result = await launch(scratchPackage("source-only", { src: true }), "check", "--only", "x y");
    expect(result).toEqual({ code: 3, stdout: JSON.stringify({ mode: "source", args: ["check", "--only", "x y"] }) });
  });

  it("runs dist/cli.js once it is built", async () => {
    const result = await launch(scratchPackage("built", { dist: true, src: true }), "--help");
    expect(result).toEqual({ code: 3, stdout: JSON.stringify({ mode: "dist", args: ["--help"] }) });
  });

  it("prints this package's version through the real CLI", async () => {
    const result = await launch(LAUNCHER, "--version");
    expect(result).toEqual({ code: 0, stdout: `${manifest.version}\n` });
  });
});
