/**
 * Pages from `redocly build-docs` load Redoc's script from a CDN, so offline (tests here, intranet
 * doc hosts) they never hydrate and show no operations. We serve the same file beside the pages:
 * it comes from the `redoc` package on the npm registry (`npm pack`, cached), and we only use it
 * when its SHA-384 equals the integrity hash the page already pins, so the page's SRI check holds.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** The script a built page loads: its URL, Redoc version and pinned integrity. */
export interface RedocScriptReference {
  readonly url: string;
  readonly version: string;
  readonly integrity: string;
}

const SCRIPT_URL = /https:\/\/cdn\.redocly\.com\/redoc\/v(\d+\.\d+\.\d+)\/bundles\/redoc\.standalone\.js/;

export function findRedocScript(html: string): RedocScriptReference {
  const url = SCRIPT_URL.exec(html);
  const integrity = /integrity="(sha384-[A-Za-z0-9+/=]+)"/.exec(html);
  if (!url?.[1] || !integrity?.[1]) {
    throw new Error("The built page does not reference Redoc's standalone script with an integrity hash.");
  }
  return { url: url[0], version: url[1], integrity: integrity[1] };
}

function sha384(bytes: Buffer | string): string {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

/** The Subresource Integrity value of a script as served. */
export const sriOf = (script: string): string => sha384(script);

/** The logo URLs Redoc's footer loads from Redocly's CDN (the compact and the full logo). */
const CDN_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"] as const;

/** Stands in for Redocly's logo beside "API docs by": the name, as text. */
export const REDOC_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#1d2330">Redocly</text></svg>\n`;

/**
 * The script with its footer logo pointed at `logoUrl` on the site: the footer draws an image from
 * Redocly's CDN, which a same-origin site must not ask for (the policy refuses it, but the request
 * is still attempted and tells a third party who reads the docs). Throws if the script no longer
 * names those URLs, so a Redoc upgrade that moves them is noticed here, not in production.
 */
export function localizeRedocScript(script: string, logoUrl: string): string {
  const missing = CDN_LOGOS.filter((url) => !script.includes(url));
  if (missing.length > 0) throw new Error(`Redoc's script no longer names ${missing.join(" and ")}: update CDN_LOGOS in redoc-bundle.ts`);
  return CDN_LOGOS.reduce((out, url) => out.replaceAll(url, logoUrl), script);
}

/**
 * The path of a verified copy of the script, from REDOC_STANDALONE_PATH, the cache, or the npm
 * registry (`npm pack redoc@<version>`), in that order.
 */
export async function obtainRedocScript(reference: RedocScriptReference, cacheDir: string): Promise<string> {
  const cached = path.join(cacheDir, `redoc-${reference.version}.standalone.js`);
  const candidates = [process.env["REDOC_STANDALONE_PATH"], cached].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    if (existsSync(candidate) && sha384(await readFile(candidate)) === reference.integrity) return candidate;
  }
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(path.join(tmpdir(), "redoc-pack-"));
  try {
    const tarball = execFileSync("npm", ["pack", `redoc@${reference.version}`, "--pack-destination", work, "--silent"], {
      encoding: "utf8",
    }).trim();
    execFileSync("tar", ["xzf", path.join(work, tarball), "-C", work, "package/bundles/redoc.standalone.js"]);
    const extracted = path.join(work, "package/bundles/redoc.standalone.js");
    const actual = sha384(await readFile(extracted));
    if (actual !== reference.integrity) {
      throw new Error(`redoc@${reference.version} from npm has ${actual}, but the page pins ${reference.integrity}.`);
    }
    await copyFile(extracted, cached);
    return cached;
  } catch (error) {
    throw new Error(
      `Could not obtain Redoc's script for an offline site (${(error as Error).message}). ` +
        `Set REDOC_STANDALONE_PATH to redoc@${reference.version}'s bundles/redoc.standalone.js.`,
      { cause: error },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
