import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { specs, type SpecName } from "@mcp-contract/api-types";
import { startServer, type RunningServer } from "@mcp-contract/test-helpers";
import { allChecks, REPORT_SCHEMA_VERSION, transportsOf } from "@mcp-contract/conformance";
import { chromium, type Browser, type Page } from "playwright-core";
import sirv from "sirv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build-site.js";
import { checkPagePath } from "../src/check-pages.js";
import { chromiumPath } from "../src/chromium-path.js";
import { readCompatMatrix } from "../src/compat-matrix.js";
import { operationsOf } from "../src/operations.js";

const packageDir = path.resolve(fileURLToPath(import.meta.url), "../..");
const root = path.resolve(packageDir, "../..");
const screenshots = path.join(packageDir, "test-output/screenshots");
const matrix = readCompatMatrix(path.join(root, "conformance/compat/matrix.json"));
const apiNames = Object.keys(specs) as SpecName[];
const isApiPage = (file: string): boolean => apiNames.some((name) => file === `${name}.html`);

/** Every page the build wrote, as paths relative to the site root. */
function pagesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** The matrix's findings (anything but passed and skipped), in the order the table shows them, numbered from 1. */
function matrixFindings(): { n: number; peer: string; version: string; id: string; status: string; message: string }[] {
  const found = (matrix?.checks ?? []).flatMap((check) =>
    (matrix?.peers ?? []).flatMap((peer) => {
      const result = peer.results[check.id];
      return result && result.status !== "passed" && result.status !== "skipped" ? [{ peer: peer.name, version: peer.version, id: check.id, ...result }] : [];
    }),
  );
  return found.map((finding, i) => ({ n: i + 1, ...finding }));
}

describe("the documentation site in a real browser", () => {
  let outDir: string;
  let site: RunningServer;
  let browser: Browser;
  /** Requests a page made to any origin but the site's: each is refused, and the test fails on it. */
  const offOrigin: string[] = [];

  /** A fresh page that refuses (and records) every request to another origin, and notes what its policy refused, at `file`. */
  async function open(file: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.route("**/*", (route) => {
      const requested = route.request().url();
      if (new URL(requested).origin === new URL(site.url).origin) return route.continue();
      offOrigin.push(`${new URL(page.url()).pathname} -> ${requested}`);
      return route.abort();
    });
    // A request the Content Security Policy refuses never reaches the network (nor the route above),
    // but the page still asked for it: the browser reports each refusal as an event, kept here for
    // refusedOn() (refusals that are not requests, such as Redoc's eval, which it does without, are not kept).
    await page.addInitScript(() => {
      const seen = window as unknown as { refusedUrls: string[] };
      seen.refusedUrls = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        if (/^https?:/.test(event.blockedURI) && new URL(event.blockedURI).origin !== location.origin) seen.refusedUrls.push(event.blockedURI);
      });
    });
    await page.goto(`${site.url}/${file}`);
    return page;
  }

  /** The other-origin requests the page's policy refused since it loaded, as `offOrigin` lines. */
  async function refusedOn(page: Page): Promise<string[]> {
    const urls = await page.evaluate(() => (window as unknown as { refusedUrls: string[] }).refusedUrls);
    return urls.map((url) => `${new URL(page.url()).pathname} -> ${url} (refused by the policy)`);
  }

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), "mcp-contract-site-"));
    await buildSite({ root, outDir });
    site = await startServer(sirv(outDir, { dev: true }), { wireContract: false /* the static docs site, not an MCP endpoint */ });
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error("Chromium is missing: run `tsx scripts/ensure-chromium.ts`.");
    browser = await chromium.launch({
      executablePath,
      // Flags from the machine notes: no sandbox as root, and no background traffic to the closed network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    await mkdir(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  for (const name of apiNames) {
    it(`renders every operation of the ${name} API`, async () => {
      const page = await open(`${name}.html`);
      try {
        const operations = operationsOf(specs[name]);
        expect(operations.length).toBeGreaterThan(0);
        // Redoc renders every operation of the page once its script has hydrated the page.
        const last = operations.at(-1)?.summary ?? "";
        await page.waitForFunction((summary) => document.body.textContent?.includes(summary), last, { timeout: 15_000 });
        const text = (await page.locator("body").textContent()) ?? "";
        for (const op of operations) {
          expect(text, `${op.operationId} summary`).toContain(op.summary);
          expect(text, `${op.operationId} path`).toContain(op.path);
        }
        await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
      } finally {
        await page.close();
      }
    });
  }

  it("the index links every API page, lists every operation, shows the dialects and each published server's totals", async () => {
    const page = await open("index.html");
    try {
      for (const name of apiNames) {
        await expect(page.locator(`a[href="${name}.html"]`).count()).resolves.toBe(1);
        for (const op of operationsOf(specs[name])) {
          await expect(page.locator(`[data-operation-id="${op.operationId}"]`).count()).resolves.toBe(1);
        }
      }
      await expect(page.locator("#dialects tr").count()).resolves.toBe(4);
      expect(matrix, "conformance/compat/matrix.json is committed").toBeDefined();
      await expect(page.locator("#peers tbody tr").count()).resolves.toBe(matrix?.peers.length ?? 0);
      await expect(page.locator('#compatibility ~ p a[href="matrix.html"]').count()).resolves.toBe(1);
      await page.screenshot({ path: path.join(screenshots, "index.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("has the compatibility matrix on its own page: a row per check, a column per peer", async () => {
    const page = await open("index.html");
    try {
      await page.locator('nav a[href="matrix.html"]').click();
      await page.waitForURL(/matrix\.html$/);
      // A row per check (plus header and summary) and a column per peer (plus the check column).
      await expect(page.locator("#compat-matrix tr").count()).resolves.toBe((matrix?.checks.length ?? 0) + 2);
      await expect(page.locator("#compat-matrix tr").first().locator("th").count()).resolves.toBe((matrix?.peers.length ?? 0) + 1);
      await expect(page.locator("#matrix-missing").count()).resolves.toBe(0);
      for (const check of matrix?.checks ?? []) await expect(page.locator(`#row-${check.id}`).count(), check.id).resolves.toBe(1);
    } finally {
      await page.close();
    }
  });

  it("shows every finding of the matrix in full, without hovering, each cell linking to it", async () => {
    const page = await open("matrix.html");
    try {
      const expected = matrixFindings();
      expect(expected.length).toBeGreaterThan(0);
      const items = page.locator("#findings li");
      await expect(items.count()).resolves.toBe(expected.length);
      for (const [i, finding] of expected.entries()) {
        const item = items.nth(i);
        await expect(item.isVisible()).resolves.toBe(true);
        const text = (await item.textContent()) ?? "";
        for (const part of [finding.peer, finding.id, finding.status, finding.message]) expect(text, `finding ${i + 1}`).toContain(part);
        await expect(page.locator(`#compat-matrix a[href="#finding-${i + 1}"]`).count()).resolves.toBe(1);
      }
      // Nothing is left to a tooltip.
      await expect(page.locator("#compat-matrix [title]").count()).resolves.toBe(0);
    } finally {
      await page.close();
    }
  });

  it("keeps the matrix header in view while its last rows are read", async () => {
    const page = await open("matrix.html");
    try {
      await page.locator("#compat-matrix tbody tr").last().scrollIntoViewIfNeeded();
      const box = await page.evaluate(() => ({
        header: document.querySelector("#compat-matrix thead th")?.getBoundingClientRect().top ?? Number.NaN,
        table: document.querySelector("#compat-matrix")?.getBoundingClientRect().top ?? Number.NaN,
        lastRow: document.querySelector("#compat-matrix tbody tr:last-child")?.getBoundingClientRect().top ?? Number.NaN,
      }));
      expect(box.table).toBeLessThan(-200);
      expect(box.header).toBeGreaterThanOrEqual(0);
      expect(box.header).toBeLessThan(5);
      // The header is drawn over the rows, not beside the one being read.
      expect(box.lastRow).toBeGreaterThan(box.header);
      await page.screenshot({ path: path.join(screenshots, "matrix-scrolled.png") });
    } finally {
      await page.close();
    }
  });

  it("has a page per check: what it requires, its level and source, what a failure means, how to fix it, who fails it", async () => {
    const index = await open("index.html");
    try {
      for (const check of allChecks) await expect(index.locator(`#checks ~ ul a[href="${checkPagePath(check.id)}"]`).count()).resolves.toBe(1);
    } finally {
      await index.close();
    }
    const findings = matrixFindings();
    const page = await open("cli.html");
    try {
      for (const check of allChecks) {
        await page.goto(`${site.url}/${checkPagePath(check.id)}`);
        await expect(page.locator("h1").textContent()).resolves.toBe(check.id);
        await expect(page.locator("#what").textContent()).resolves.toBe(check.title);
        await expect(page.locator("#facts .level").textContent()).resolves.toBe(check.level);
        await expect(page.locator("#reference").textContent()).resolves.toBe(check.reference);
        await expect(page.locator("#failure-means").textContent()).resolves.toBe(check.failureMeans);
        await expect(page.locator("#remedy").textContent()).resolves.toBe(check.remedy);
        // Every MCP page the reference cites is named with its revision.
        const sources = (await page.locator("#sources").textContent()) ?? "";
        await expect(page.locator("#sources li").count()).resolves.toBeGreaterThan(0);
        for (const [, revision] of check.reference.matchAll(/modelcontextprotocol\.io\/specification\/([\d-]+)\//g)) expect(sources, check.id).toContain(`MCP, ${revision}`);
        // Who fails it: exactly the matrix's failures and warnings of this check, each linked to its finding.
        const failing = findings.filter((finding) => finding.id === check.id && (finding.status === "failed" || finding.status === "warning"));
        await expect(page.locator("#failing li").count(), check.id).resolves.toBe(failing.length);
        await expect(page.locator("#failing-none").count(), check.id).resolves.toBe(failing.length === 0 ? 1 : 0);
        for (const [i, finding] of failing.entries()) {
          const item = page.locator("#failing li").nth(i);
          const text = (await item.textContent()) ?? "";
          for (const part of [finding.peer, finding.version, finding.message]) expect(text, `${check.id} at ${finding.peer}`).toContain(part);
          await expect(item.locator(`a[href="../matrix.html#finding-${finding.n}"]`).count()).resolves.toBe(1);
        }
        const inMatrix = matrix?.checks.some((row) => row.id === check.id) ?? false;
        await expect(page.locator(`a[href="../matrix.html#row-${check.id}"]`).count()).resolves.toBe(inMatrix ? 1 : 0);
        const evidence = (await page.locator("#evidence").textContent()) ?? "";
        for (const peer of matrix?.peers ?? []) {
          const result = peer.results[check.id];
          if (result) expect(evidence, `${check.id} at ${peer.name}`).toContain(result.message);
        }
      }
      await page.goto(`${site.url}/${checkPagePath("post-oversize-413")}`);
      await page.screenshot({ path: path.join(screenshots, "check-post-oversize-413.png"), fullPage: true });
    } finally {
      await page.close();
    }
  }, 180_000);

  it("has a CLI reference that is what `mcp-contract --help` prints", async () => {
    const bin = path.join(root, "conformance/bin/mcp-contract.js");
    const help = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [bin, "--help"], { timeout: 20_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    const page = await open("cli.html");
    try {
      await expect(page.locator("#usage").textContent()).resolves.toBe(help.trimEnd());
      expect(help).toContain("--sarif-location");
      await expect(page.locator("#json-report").textContent()).resolves.toContain(`schemaVersion ${REPORT_SCHEMA_VERSION}.`);
    } finally {
      await page.close();
    }
  });

  it("has a guide to the transports and eras, listing the checks of each kind from the registry", async () => {
    const page = await open("index.html");
    try {
      await page.locator('nav a[href="transports.html"]').click();
      await page.waitForURL(/transports\.html$/);
      for (const kind of ["modern", "stateful", "stateless", "http+sse"]) {
        const section = page.locator(`#kind-${kind.replace("+", "-")}`);
        const expected = allChecks.filter((check) => {
          const transports = transportsOf(check);
          return transports === "all" || transports.includes(kind as "modern");
        });
        expect(expected.length, kind).toBeGreaterThan(0);
        await expect(section.locator("li a").count()).resolves.toBe(expected.length);
        await expect(section.locator(".detect").isVisible()).resolves.toBe(true);
      }
    } finally {
      await page.close();
    }
  });

  it("links only to pages and anchors it has, and every page is under the same-origin policy", () => {
    const pages = pagesIn(outDir);
    expect(pages.length).toBe(apiNames.length + 4 + allChecks.length);
    const html = new Map(pages.map((file) => [file, readFileSync(path.join(outDir, file), "utf8")]));
    const ids = (file: string) => new Set([...(html.get(file) ?? "").matchAll(/\bid="([^"]+)"/g)].map(([, id]) => id));
    let checked = 0;
    for (const [file, text] of html) {
      expect(/<meta http-equiv="Content-Security-Policy" content="default-src 'self';/.test(text), `${file} has the policy`).toBe(true);
      // Redoc's pages are one script's single-page app: their links are its own.
      if (isApiPage(file)) continue;
      for (const [, href = "", fragment] of text.matchAll(/href="([^"#]*)(?:#([^"]*))?"/g)) {
        if (/^[a-z]+:/i.test(href)) continue;
        const target = href === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), href));
        expect(existsSync(path.join(outDir, target)), `${file} -> ${href}`).toBe(true);
        // An anchor must exist on the page it points into (Redoc's pages name theirs at runtime).
        if (fragment && !isApiPage(target)) expect(ids(target).has(fragment), `${file} -> ${href}#${fragment}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(allChecks.length * 3);
  });

  it("opens every page without one request leaving the site's origin, Redoc's footer logo included", async () => {
    const page = await open("index.html");
    try {
      for (const file of pagesIn(outDir)) {
        await page.goto(`${site.url}/${file}`, { waitUntil: "load" });
        if (isApiPage(file)) {
          // Redoc's footer draws its logo once hydrated: wait until it has loaded (or was refused, which fails below).
          await page.locator(".menu-content").first().waitFor({ timeout: 15_000 });
          await page.waitForFunction(
            () => {
              const img = document.querySelector<HTMLImageElement>('img[alt="redocly logo"]');
              return (img?.complete && img.naturalWidth > 0) || (window as unknown as { refusedUrls: string[] }).refusedUrls.length > 0;
            },
            undefined,
            { timeout: 15_000 },
          );
          expect(await refusedOn(page), file).toEqual([]);
          const logo = await page.locator('img[alt="redocly logo"]').evaluate((img: HTMLImageElement) => img.src);
          expect(new URL(logo).origin, `${file}: the logo's origin`).toBe(new URL(site.url).origin);
        }
        offOrigin.push(...(await refusedOn(page)));
      }
    } finally {
      await page.close();
    }
    expect(offOrigin).toEqual([]);
  }, 120_000);
});
