/**
 * Builds the static site: `<api>.html` for each API with Redoc (redocly build-docs, which inlines
 * everything so the pages work offline), `index.html`, `cli.html`, `transports.html`, `matrix.html` and `checks/<id>.html` for
 * every check the runner has. Every page carries a same-origin Content Security Policy, and
 * nothing a page loads comes from another host: not even Redoc's footer logo, which the script
 * would fetch from Redocly's CDN and now finds beside the pages.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { specs, type SpecName } from "@mcp-contract/api-types";
import { allChecks } from "@mcp-contract/conformance";
import { checkPagePath, renderCheckPage } from "./check-pages.js";
import { renderCliPage } from "./cli-page.js";
import { MATRIX_PAGE, readCompatMatrix } from "./compat-matrix.js";
import { renderIndexPage } from "./index-page.js";
import { renderMatrixPage } from "./matrix-page.js";
import { POLICY_META } from "./page-shell.js";
import { renderTransportsPage } from "./transports-page.js";
import { findRedocScript, localizeRedocScript, obtainRedocScript, REDOC_LOGO_SVG, sriOf } from "./redoc-bundle.js";

/** The script's name in the site, next to the pages. */
const LOCAL_SCRIPT = "redoc.standalone.js";
/** Redoc's footer logo, served beside the pages instead of from Redocly's CDN. */
const LOCAL_LOGO = "redoc-logo.svg";

export interface BuildSiteOptions {
  /** The repository root (holds redocly.yaml and conformance/compat/matrix.json). */
  readonly root: string;
  readonly outDir: string;
}

export async function buildSite({ root, outDir }: BuildSiteOptions): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
  const written: string[] = [];
  for (const name of Object.keys(specs) as SpecName[]) {
    const output = path.join(outDir, `${name}.html`);
    const result = spawnSync(process.execPath, [redocly, "build-docs", name, "--output", output], {
      cwd: root,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`redocly build-docs ${name} failed:\n${result.stdout}${result.stderr}`);
    written.push(output);
  }
  await serveRedocLocally(written, root, outDir);
  const matrix = readCompatMatrix(path.join(root, "conformance/compat/matrix.json"));
  const pages: [string, string][] = [
    ["index.html", renderIndexPage(specs, allChecks, matrix)],
    ["cli.html", renderCliPage()],
    ["transports.html", renderTransportsPage(allChecks)],
    [MATRIX_PAGE, renderMatrixPage(allChecks, matrix)],
    ...allChecks.map((check): [string, string] => [checkPagePath(check.id), renderCheckPage(check, matrix, Object.keys(specs))]),
  ];
  await mkdir(path.join(outDir, "checks"), { recursive: true });
  for (const [file, html] of pages) {
    const output = path.join(outDir, file);
    await writeFile(output, html);
    written.push(output);
  }
  return written;
}

/**
 * Points every page at a local copy of the Redoc script the page pins, under the same-origin
 * policy. The copy is the verified script with its footer logo moved on-site (see
 * localizeRedocScript), so the page's integrity attribute is set to the copy's own hash.
 */
async function serveRedocLocally(pages: readonly string[], root: string, outDir: string): Promise<void> {
  for (const page of pages) {
    const html = await readFile(page, "utf8");
    const reference = findRedocScript(html);
    const verified = await obtainRedocScript(reference, path.join(root, "node_modules/.cache/mcp-contract-docs"));
    const script = localizeRedocScript(await readFile(verified, "utf8"), `./${LOCAL_LOGO}`);
    await writeFile(path.join(outDir, LOCAL_SCRIPT), script);
    await writeFile(path.join(outDir, LOCAL_LOGO), REDOC_LOGO_SVG);
    if (!/<head>/i.test(html)) throw new Error(`${page} has no <head> to put the Content Security Policy in`);
    const localized = html
      .replaceAll(reference.url, `./${LOCAL_SCRIPT}`)
      .replaceAll(`integrity="${reference.integrity}"`, `integrity="${sriOf(script)}"`)
      .replace(/<head>/i, `<head>${POLICY_META}`);
    await writeFile(page, localized);
  }
}
