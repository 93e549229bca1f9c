import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDrift } from "../scripts/check-drift.js";
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

/** What `npm run codegen:check` prints and exits with, run in process (for the edited api only). */
async function runCheck(root: string, apis: readonly string[]): Promise<{ status: number; output: string }> {
  const lines: string[] = [];
  const status = await checkDrift(root, (line) => lines.push(line), { apis });
  return { status, output: lines.join("\n") };
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

    // Only the edited spec's api is regenerated: the others are proven unchanged by the first test.
    expect(await findDrift(root, { apis: ["registry"] })).toEqual([
      "packages/api-types/src/generated/registry.ts",
      "packages/api-types/src/generated/registry.openapi.json",
    ]);
    const cli = await runCheck(root, ["registry"]);
    expect(cli.status).toBe(1);
    expect(cli.output).toContain("packages/api-types/src/generated/registry.ts");
    expect(cli.output).toContain("npm run generate");
  });

  it("fails when a generated file is edited by hand", async () => {
    const fresh = await copyOfTree();
    try {
      const file = path.join(fresh, "packages/api-types/src/generated/message.ts");
      await writeFile(file, `${await readFile(file, "utf8")}\nexport type Sneaky = string;\n`);
      // The CLI's exit status on drift is proven above; here the comparison itself, for one api.
      expect(await findDrift(fresh, { apis: ["message"] })).toEqual(["packages/api-types/src/generated/message.ts"]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
