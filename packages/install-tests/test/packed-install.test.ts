/**
 * The public packages as a user gets them: `npm pack` of @mcp-contract/api-types, client and
 * conformance (their `prepack` builds dist/), the tarballs' contents, then an install of the three
 * into a scratch project outside the monorepo, where the `mcp-contract` bin runs a check against
 * the reference server, each export loads, and a TypeScript consumer compiles against the shipped
 * declarations. The install prefers npm's cache (`--prefer-offline`): every tarball is there since
 * the monorepo installed them; only package metadata the cache lacks is asked of the registry.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnWithUrl } from "@mcp-contract/test-helpers";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CommandResult, describeRun, runCommand, userEnv } from "./npm-env.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PUBLIC_PACKAGES = ["@mcp-contract/api-types", "@mcp-contract/client", "@mcp-contract/conformance"] as const;
const REFERENCE_MAIN = join(REPO, "apps/reference-server/src/main.ts");
const TSC = join(REPO, "node_modules/typescript/bin/tsc");
const STEP_LIMIT_MS = 120_000;

interface PackedFile {
  readonly path: string;
  readonly mode: number;
}
interface Packed {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly files: readonly PackedFile[];
}
interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly engines?: { readonly node?: string };
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly dependencies?: Readonly<Record<string, string>>;
}

const scratch = mkdtempSync(join(tmpdir(), "mcp-contract-packed-"));
const tarballs = join(scratch, "tarballs");
const unpacked = join(scratch, "unpacked");
const project = join(scratch, "project");
let packed: readonly Packed[] = [];
let install: CommandResult | undefined;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;
const unpackedDir = (name: string) => join(unpacked, name, "package");
const manifestOf = (name: string) => readJson<Manifest>(join(unpackedDir(name), "package.json"));
const npx = (args: readonly string[], timeoutMs = STEP_LIMIT_MS) => runCommand("npx", args, { cwd: project, timeoutMs });

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

beforeAll(async () => {
  mkdirSync(tarballs, { recursive: true });
  const pack = await runCommand("npm", ["pack", ...PUBLIC_PACKAGES.flatMap((name) => ["-w", name]), "--pack-destination", tarballs, "--json"], {
    cwd: REPO,
    timeoutMs: STEP_LIMIT_MS,
  });
  expect(pack.code, describeRun("npm pack", pack)).toBe(0);
  packed = JSON.parse(pack.stdout) as Packed[];
  for (const { name, filename } of packed) {
    mkdirSync(join(unpacked, name), { recursive: true });
    const untar = await runCommand("tar", ["-xzf", join(tarballs, filename), "-C", join(unpacked, name)], { cwd: scratch, timeoutMs: 30_000 });
    expect(untar.code, describeRun("tar", untar)).toBe(0);
  }

  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  install = await runCommand(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", ...packed.map(({ filename }) => join(tarballs, filename))],
    { cwd: project, timeoutMs: STEP_LIMIT_MS },
  );
}, 3 * STEP_LIMIT_MS);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(PUBLIC_PACKAGES)("the tarball of %s", (name) => {
  const files = () => packed.find((entry) => entry.name === name)?.files.map((file) => file.path) ?? [];

  it("is public, Apache-2.0, and carries the repository's LICENSE file", () => {
    const manifest = manifestOf(name);
    expect(manifest.private).not.toBe(true);
    expect(manifest.license).toBe("Apache-2.0");
    expect(readFileSync(join(unpackedDir(name), "LICENSE"), "utf8")).toBe(readFileSync(join(REPO, "LICENSE"), "utf8"));
  });

  it("ships dist built from the shipped sources, and no tests", () => {
    const shipped = files();
    const built = shipped.filter((path) => path.startsWith("dist/") && path.endsWith(".js"));
    expect(built.length).toBeGreaterThan(0);
    // A built file whose source is gone is a leftover of an older build: prepack starts from an empty dist/.
    for (const path of built) expect(shipped, `${path} has no source`).toContain(path.replace(/^dist\//, "src/").replace(/\.js$/, ".ts"));
    expect(shipped.filter((path) => /\.test(-d)?\.ts$/.test(path) || path.startsWith("test/"))).toEqual([]);
  });

  it("has source maps and declaration maps whose sources are all in the tarball", () => {
    const root = unpackedDir(name);
    const maps = files().filter((path) => path.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources } = readJson<{ sources: string[] }>(join(root, map));
      for (const source of sources) {
        const target = join(root, dirname(map), source);
        expect(statSync(target, { throwIfNoEntry: false })?.isFile(), `${map} points at ${source}`).toBe(true);
      }
    }
  });

  it("points every export condition and bin at a shipped file, types first, and the bin is executable", () => {
    const manifest = manifestOf(name);
    const shipped = packed.find((entry) => entry.name === name)?.files ?? [];
    const shippedPath = (target: string) => shipped.find((file) => file.path === target.replace(/^\.\//, ""));
    expect(Object.keys(manifest.exports ?? {})).not.toContain("./*");
    for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
      expect(Object.keys(conditions)[0], subpath).toBe("types");
      expect(Object.keys(conditions).at(-1), subpath).toBe("default");
      for (const target of Object.values(conditions)) expect(shippedPath(target), `${subpath} -> ${target}`).toBeDefined();
    }
    for (const target of Object.values(manifest.bin ?? {})) expect((shippedPath(target)?.mode ?? 0) & 0o111, target).not.toBe(0);
  });

  it("depends on its siblings by a version range, not on anything unpublished", () => {
    const manifest = manifestOf(name);
    for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!dependency.startsWith("@mcp-contract/")) continue;
      expect(PUBLIC_PACKAGES as readonly string[], dependency).toContain(dependency);
      expect(semver.satisfies(manifestOf(dependency).version, range), `${dependency}@${range}`).toBe(true);
      expect(range).not.toBe("*");
    }
  });
});

describe("the three tarballs installed in a scratch project outside the monorepo", () => {
  it("install from the tarballs alone, with no warning about engines or peers", () => {
    expect(install?.code, describeRun("npm install", install ?? { code: null, stdout: "", stderr: "" })).toBe(0);
    expect(install?.stderr).not.toMatch(/EBADENGINE|ERESOLVE|peer dep/i);
    for (const name of PUBLIC_PACKAGES) {
      // A real copy in the project, not a link back into this repository.
      expect(realpathSync(join(project, "node_modules", name)).startsWith(realpathSync(project))).toBe(true);
    }
  });

  it("declare engines that every installed dependency also supports", () => {
    const claimed = manifestOf("@mcp-contract/conformance").engines?.node ?? "";
    expect(semver.validRange(claimed)).not.toBeNull();
    expect(semver.satisfies(process.version, claimed)).toBe(true);
    const modules = join(project, "node_modules");
    const manifests = filesUnder(modules).filter((path) => path.endsWith("package.json") && /^(@[^/]+\/)?[^/@]+\/package\.json$/.test(path.replaceAll("\\", "/")));
    expect(manifests.length).toBeGreaterThan(PUBLIC_PACKAGES.length);
    for (const path of manifests) {
      const manifest = readJson<Manifest>(join(modules, path));
      const theirs = manifest.engines?.node;
      if (manifest.name?.startsWith("@mcp-contract/")) expect(theirs, manifest.name).toBe(claimed);
      else if (theirs !== undefined) expect(semver.subset(claimed, theirs), `${manifest.name} needs node ${theirs}`).toBe(true);
    }
  });

  it("run `npx mcp-contract --version`", async () => {
    const result = await npx(["mcp-contract", "--version"], 30_000);
    expect(result, describeRun("npx mcp-contract --version", result)).toMatchObject({ code: 0, stdout: `${manifestOf("@mcp-contract/conformance").version}\n` });
  });

  it("run `npx mcp-contract check` against the reference server, every check passing", async () => {
    const tsx = import.meta.resolve("tsx");
    await using server = await spawnWithUrl(process.execPath, ["--import", tsx, REFERENCE_MAIN, "--port", "0", "--db", ":memory:"], {
      cwd: REPO,
      env: userEnv(),
      timeoutMs: 30_000,
    });
    const result = await npx(["mcp-contract", "check", `${server.url}/v1/mcp/sse`]);
    expect(result.code, describeRun("npx mcp-contract check", result)).toBe(0);
    expect(result.stdout).toMatch(/PASS [1-9]\d* passed, 0 failed/);
  }, STEP_LIMIT_MS);

  it("load every export of each package with plain Node", async () => {
    const subpaths = PUBLIC_PACKAGES.flatMap((name) => Object.keys(manifestOf(name).exports ?? {}).map((subpath) => `${name}${subpath.slice(1)}`));
    expect(subpaths).toContain("@mcp-contract/client/detect");
    const script = `for (const id of ${JSON.stringify(subpaths)}) console.log(id, Object.keys(await import(id)).length);`;
    const result = await runCommand(process.execPath, ["--input-type=module", "-e", script], { cwd: project, timeoutMs: 30_000 });
    expect(result.code, describeRun("node -e import(...)", result)).toBe(0);
    for (const id of subpaths) expect(result.stdout).toMatch(new RegExp(`^${id} [1-9]\\d*$`, "m"));
  });

  it("type-check a TypeScript consumer against the shipped declarations", async () => {
    writeFileSync(
      join(project, "consumer.ts"),
      [
        'import { specs, type SpecName } from "@mcp-contract/api-types";',
        'import { connect, McpTransportError } from "@mcp-contract/client";',
        'import { detectEra } from "@mcp-contract/client/detect";',
        'import { allChecks, renderSarif, type Report } from "@mcp-contract/conformance";',
        'const name: SpecName = "session";',
        "export const used = [specs[name].openapi, connect, McpTransportError, detectEra, allChecks.length, renderSarif];",
        "export type Summary = Report['summary'];",
        "// @ts-expect-error: only the declared exports exist",
        'import { notExported } from "@mcp-contract/client";',
        "export const alsoUsed = notExported;",
      ].join("\n"),
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [join(REPO, "node_modules/@types")],
        },
        files: ["consumer.ts"],
      }),
    );
    const result = await runCommand(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project, timeoutMs: STEP_LIMIT_MS });
    expect(result.code, describeRun("tsc", result)).toBe(0);
  }, STEP_LIMIT_MS);
});
