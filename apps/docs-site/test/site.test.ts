import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { specs, type SpecName } from "@mcp-contract/api-types";
import { startServer, type RunningServer } from "@mcp-contract/test-helpers";
import { chromium, type Browser } from "playwright-core";
import sirv from "sirv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build-site.js";
import { chromiumPath } from "../src/chromium-path.js";
import { operationsOf } from "../src/operations.js";

const packageDir = path.resolve(fileURLToPath(import.meta.url), "../..");
const root = path.resolve(packageDir, "../..");
const screenshots = path.join(packageDir, "test-output/screenshots");

describe("the documentation site in a real browser", () => {
  let outDir: string;
  let site: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), "mcp-contract-site-"));
    await buildSite({ root, outDir });
    site = await startServer(sirv(outDir, { dev: true }));
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

  for (const name of Object.keys(specs) as SpecName[]) {
    it(`renders every operation of the ${name} API`, async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      try {
        await page.goto(`${site.url}/${name}.html`);
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

  it("the index links every API page, lists every operation, and shows the dialects", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${site.url}/index.html`);
      for (const name of Object.keys(specs) as SpecName[]) {
        await expect(page.locator(`a[href="${name}.html"]`).count()).resolves.toBe(1);
        for (const op of operationsOf(specs[name])) {
          await expect(page.locator(`[data-operation-id="${op.operationId}"]`).count()).resolves.toBe(1);
        }
      }
      await expect(page.locator("#dialects tr").count()).resolves.toBe(4);
      await page.screenshot({ path: path.join(screenshots, "index.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
