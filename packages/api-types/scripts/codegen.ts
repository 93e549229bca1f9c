/**
 * Turns the specs listed in redocly.yaml into what packages/api-types commits:
 * `src/generated/<api>.ts` (openapi-typescript) and `src/generated/<api>.openapi.json`
 * (the bundled spec, which servers and the conformance runner validate against at run time).
 *
 * Both files come from the same bundled document, so types and runtime schemas cannot disagree.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from "openapi-typescript";

/** One generated file: where it goes (relative to the repository root) and what it holds. */
export interface GeneratedFile {
  readonly relativePath: string;
  readonly contents: string;
}

const JSON_HEADER_NOTE = "Bundled from openapi/ by packages/api-types/scripts/codegen.ts. Do not edit.";

/** Which of redocly.yaml's apis to generate (default: all of them). */
export interface GenerateOptions {
  readonly apis?: readonly string[] | undefined;
}

/** Reads `<root>/redocly.yaml` and produces every generated file, without writing anything. */
export async function generateAll(root: string, options: GenerateOptions = {}): Promise<GeneratedFile[]> {
  const configPath = path.join(root, "redocly.yaml");
  const config = await loadConfig({ configPath });
  const files: GeneratedFile[] = [];
  for (const [name, api] of Object.entries(config.apis)) {
    if (options.apis && !options.apis.includes(name)) continue;
    const output = (api as { "x-openapi-ts"?: { output?: string } })["x-openapi-ts"]?.output;
    if (!output) throw new Error(`redocly.yaml: api '${name}' has no x-openapi-ts.output`);
    const { bundle: document } = await bundle({
      ref: path.resolve(root, api.root),
      config: config.styleguide ? config : await loadConfig({ configPath }),
      dereference: false,
    });
    const parsed = document.parsed as OpenAPI3 & Record<string, unknown>;
    const ast = await openapiTS(parsed);
    files.push({ relativePath: output, contents: COMMENT_HEADER + astToString(ast) });
    const bundled = { "x-generated": JSON_HEADER_NOTE, ...parsed };
    files.push({
      relativePath: output.replace(/\.ts$/, ".openapi.json"),
      contents: `${JSON.stringify(bundled, null, 2)}\n`,
    });
  }
  return files;
}

/** The generated files whose committed copy under `root` differs from what the specs produce. */
export async function findDrift(root: string, options: GenerateOptions = {}): Promise<string[]> {
  const drifted: string[] = [];
  for (const file of await generateAll(root, options)) {
    const committed = await readFile(path.join(root, file.relativePath), "utf8").catch(() => null);
    if (committed !== file.contents) drifted.push(file.relativePath);
  }
  return drifted;
}
