import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDrift } from "../scripts/codegen.js";

const packageDir = path.resolve(fileURLToPath(import.meta.url), "../..");
const repositoryRoot = path.resolve(packageDir, "../..");

/** A copy of what the generator reads and writes, so the test can break it safely. */
async function copyOfTree(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "mcp-contract-drift-"));
  await cp(path.join(repositoryRoot, "openapi"), path.join(root, "openapi"), { recursive: true });
  await cp(path.join(repositoryRoot, "redocly.yaml"), path.join(root, "redocly.yaml"));
  await cp(path.join(packageDir, "src/generated"), path.join(root, "packages/api-types/src/generated"), {
    recursive: true,
  });
  return root;
}

function runCheckCli(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/check.ts", "--root", root], {
    cwd: packageDir,
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("codegen:check", () => {
  let root: string;
  beforeAll(async () => {
    root = await copyOfTree();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("finds no drift in the committed tree", async () => {
    expect(await findDrift(root)).toEqual([]);
  });

  it("fails, naming the files, when a spec changes without regenerating", async () => {
    const spec = path.join(root, "openapi/components/registry-models.yaml");
    const original = await readFile(spec, "utf8");
    const edited = original.replace("The name of the authentication header (e.g., 'Authorization').", "Drifted.");
    expect(edited).not.toBe(original);
    await writeFile(spec, edited);

    expect(await findDrift(root)).toEqual([
      "packages/api-types/src/generated/registry.ts",
      "packages/api-types/src/generated/registry.openapi.json",
    ]);
    const cli = runCheckCli(root);
    expect(cli.status).toBe(1);
    expect(cli.output).toContain("packages/api-types/src/generated/registry.ts");
    expect(cli.output).toContain("npm run generate");
  });

  it("fails when a generated file is edited by hand", async () => {
    const fresh = await copyOfTree();
    try {
      const file = path.join(fresh, "packages/api-types/src/generated/message.ts");
      await writeFile(file, `${await readFile(file, "utf8")}\nexport type Sneaky = string;\n`);
      expect(await findDrift(fresh)).toEqual(["packages/api-types/src/generated/message.ts"]);
      expect(runCheckCli(fresh).status).toBe(1);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
