/**
 * The HTML report: a real failing run gives the layout (every status in its own section, every
 * failure's evidence in full), a hostile copy proves the escaping (no markup of the server's own
 * survives), and the page asks for nothing from anywhere.
 */
import { describe, expect, it } from "vitest";
import { escapeHtml, renderHtml } from "../src/report/html.js";
import { evidenceText } from "../src/report/document.js";
import { HOSTILE, hostileReport, withResults } from "./hostile-report.js";
import { runAgainstFixture } from "./run-fixture.js";

/** The opening tags of a page, by name: what markup it really has. */
const tagsOf = (html: string): string[] => [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((match) => (match[1] ?? "").toLowerCase());

describe("the HTML report", async () => {
  const failing = await runAgainstFixture({ defect: "bad-retry" }, { strict: false });

  it("is one page that loads nothing: a CSP of default-src 'none', inline styles, no script, no resource URL", () => {
    const page = renderHtml(failing);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(tagsOf(page)).not.toContain("script");
    expect(tagsOf(page).filter((tag) => ["img", "link", "iframe", "object", "embed", "svg"].includes(tag))).toEqual([]);
    expect(page).not.toMatch(/\ssrc=/);
  });

  it("shows the verdict and counts, and each status apart: not verified is never under passed", () => {
    const notVerified = withResults(
      failing,
      failing.results.map((r) => (r.id === "mcp-tools-call" ? { ...r, status: "not-verified" as const, message: "no tool is safe to call: give --tool" } : r)),
    );
    const page = renderHtml(notVerified);
    expect(page).toContain('<h1 class="fail">mcp-contract: FAIL</h1>');
    expect(page).toContain(`${notVerified.summary.notVerified} not verified`);
    const section = (kind: string): string => page.slice(page.indexOf(`<h2 id="${kind}"`), page.indexOf("<h2", page.indexOf(`<h2 id="${kind}"`) + 1));
    expect(section("not-verified")).toContain("<code>mcp-tools-call</code>");
    expect(section("not-verified")).toContain("no tool is safe to call: give --tool");
    expect(page.indexOf('<h2 id="passed"')).toBeGreaterThan(0);
    expect(section("passed")).not.toContain("<code>mcp-tools-call</code>");
  });

  it("shows every failure's evidence in full, visible, with its spec reference linked", () => {
    const page = renderHtml(failing);
    const failures = failing.results.filter((r) => r.status === "failed" && r.evidence);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      const block = page.slice(page.indexOf(`id="check-${failure.id}"`));
      const shown = /<pre>([\s\S]*?)<\/pre>/.exec(block)?.[1] ?? "";
      // The evidence as the JSON report holds it, entity-escaped and nothing else (controls shown as \xNN).
      expect(shown).toBe(escapeHtml(evidenceText(failure.evidence!).replace(/\r\n/g, "\n")));
    }
    expect(page).toContain('<a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream">');
  });

  it("escapes everything a server can put in it: no tag or attribute of the hostile text survives", () => {
    const page = renderHtml(hostileReport(failing));
    expect(tagsOf(page)).not.toContain("script");
    expect(tagsOf(page)).not.toContain("img");
    expect(tagsOf(page)).not.toContain("svg");
    expect(page).not.toMatch(/<[^>]*\sonerror=/i);
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain(escapeHtml(HOSTILE));
  });
});
