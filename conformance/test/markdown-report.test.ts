/**
 * The Markdown report, read the way GitHub reads it: rendered by a CommonMark parser with GFM
 * tables and raw HTML allowed (markdown-it with `html: true`; GitHub renders, then sanitizes, so
 * what a report must never do is produce markup of its own from a server's text). A real failing
 * run gives the layout; a hostile copy proves the escaping; bulky evidence proves the size bound.
 */
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { renderMarkdown, STEP_SUMMARY_LIMIT_BYTES } from "../src/report/markdown.js";
import type { CheckResult, Report } from "../src/report/model.js";
import { bulkyFailure, HOSTILE, hostileReport, withResults } from "./hostile-report.js";
import { runAgainstFixture } from "./run-fixture.js";

const markdown = new MarkdownIt({ html: true });
const render = (report: Report, maxBytes?: number): { md: string; html: string } => {
  const md = renderMarkdown(report, maxBytes === undefined ? {} : { maxBytes });
  return { md, html: markdown.render(md) };
};

/** The rows of the first table after the heading that starts with `heading`, as cell texts (tags stripped). */
function tableAfter(html: string, heading: string): string[][] {
  const start = html.indexOf(`>${heading}`);
  if (start < 0) return [];
  const table = /<table>([\s\S]*?)<\/table>/.exec(html.slice(start))?.[1] ?? "";
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1] ?? ""));
}

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe("the Markdown report", async () => {
  // Not strict: the fixture's warning-free run with one MUST broken (a `retry: 1s` line).
  const failing = await runAgainstFixture({ defect: "bad-retry" }, { strict: false });

  it("says what was found at the URL and counts every status the summary holds", () => {
    const { md, html } = render(failing);
    const { summary } = failing;
    expect(md).toMatch(/^## ❌ mcp-contract: FAIL\n/);
    expect(html).toContain(`<strong>Target:</strong> <code>${failing.target.url}</code> · http+sse (from url): ${failing.target.detection.summary}</p>`);
    expect(md).toContain(
      `**FAIL**: ${summary.passed} passed · ${summary.failed} failed · ${summary.warnings} warnings · ${summary.notVerified} not verified · ${summary.skipped} skipped · 0 expected failures of ${summary.total} checks`,
    );
    const steps = /How the target was detected<\/summary>([\s\S]*?)<\/details>/.exec(render(failing).html)?.[1] ?? "";
    expect(count(steps, /<li>/g)).toBe(failing.target.detection.steps.length);
  });

  it("tables each failure with its level, message and a link to its spec section, and shows its evidence in a <details>", () => {
    const { html } = render(failing);
    const failures = failing.results.filter((r) => r.status === "failed");
    expect(failures.length).toBeGreaterThan(0);
    const rows = tableAfter(html, "Failures and warnings");
    expect(rows[0]).toEqual(["", "Check", "Level", "Message", "Reference"]);
    expect(rows.slice(1).map((row) => row[1])).toEqual(failures.map((r) => `<code>${r.id}</code>`));
    const framing = rows.find((row) => row[1] === "<code>sse-framing</code>");
    expect(framing?.[2]).toBe("MUST");
    expect(framing?.[4]).toBe('<a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream">html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream</a>');
    // The deciding stream bytes, in a collapsible block of their own.
    const details = /<details><summary>✘ <code>sse-framing<\/code>[\s\S]*?<\/details>/.exec(html)?.[0] ?? "";
    expect(details).toContain("<pre><code class=\"language-text\">");
    expect(details).toContain("retry: 1s\\n");
    expect(details).toContain("response: 200\n  content-type: text/event-stream");
  });

  it("lists not-verified, skipped and expected failures apart, each with its reason, and never as passed", () => {
    const [first, second, third] = failing.results.filter((r) => r.status === "passed");
    if (!first || !second || !third) throw new Error("too few passes");
    const results: CheckResult[] = failing.results.map((r) =>
      r === first
        ? { ...r, status: "not-verified", message: "no tool is safe to call: give --tool" }
        : r === second
          ? { ...r, status: "skipped", message: "needs --rate-limit" }
          : r === third
            ? { ...r, status: "failed", message: "broke", expectedFailure: { reason: "known bug #12" } }
            : r,
    );
    const { md, html } = render(withResults(failing, results, true));
    expect(tableAfter(html, "? Not verified")).toContainEqual([`<code>${first.id}</code>`, first.level, "no tool is safe to call: give --tool"]);
    expect(tableAfter(html, "○ Skipped")).toContainEqual([`<code>${second.id}</code>`, second.level, "needs --rate-limit"]);
    expect(tableAfter(html, "⊘ Expected failures")).toContainEqual([`<code>${third.id}</code>`, third.level, "failed", "known bug #12", "broke"]);
    const passedList = /Passed \(\d+\)<\/summary>([\s\S]*?)<\/details>/.exec(html)?.[1] ?? "";
    for (const r of [first, second, third]) expect(passedList).not.toContain(`<code>${r.id}</code>`);
    expect(md).toMatch(/· 1 not verified · /);
    expect(md).toMatch(/· 1 expected failures of /);
  });

  it("keeps hostile server text as text: no tag, link, code block or table cell of its own", () => {
    const hostile = hostileReport(failing);
    const { md, html } = render(hostile);
    // Nothing the server sent became markup: no element, comment, or javascript: link.
    for (const markup of [/<img/i, /<script/i, /<svg/i, /<!--/, /href="javascript/i, /<del>/]) expect(html).not.toMatch(markup);
    // The row stays five cells, with the message as its text.
    const rows = tableAfter(html, "Failures and warnings");
    for (const row of rows) expect(row).toHaveLength(5);
    const escaped = markdown.utils.escapeHtml(HOSTILE);
    expect(rows.map((row) => row[3])).toContain(escaped);
    // Each <details> closes where the report closes it: the evidence cannot end its block early.
    expect(count(html, /<details>/g)).toBe(count(md, /^<details>/gm));
    expect(count(html, /<\/details>/g)).toBe(count(md, /^<\/details>$/gm));
    const evidence = hostile.results.find((r) => r.message === HOSTILE);
    const block = new RegExp(`<details><summary>✘ <code>${evidence?.id}</code>[\\s\\S]*?<pre><code class="language-text">([\\s\\S]*?)</code></pre>`).exec(html)?.[1] ?? "";
    expect(block).toContain("    &lt;/details&gt;\n    &lt;script&gt;alert(2)&lt;/script&gt;\n    ``````\n    &lt;img src=y onerror=alert(3)&gt;");
    expect(block).toContain(`x-evil: ${escaped}`);
    // The detection's own text (a server can shape it) too.
    expect(html).toMatch(new RegExp(`<strong>Target:</strong> <code>[^<]*</code> · [^<]*: ${escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</p>`));
  });

  it("stays under GitHub's 1 MiB step-summary limit, cutting evidence with a note", () => {
    const failures = Array.from({ length: 300 }, (_, i) => bulkyFailure(`bulky-${i}`, 40_000));
    const report = withResults(failing, failures);
    const { md, html } = render(report);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(Buffer.byteLength(md)).toBeGreaterThan(STEP_SUMMARY_LIMIT_BYTES / 2);
    // Every failure keeps its table row; the evidence left out is counted, and each block shown is whole.
    expect(tableAfter(html, "Failures and warnings")).toHaveLength(301);
    const shown = count(md, /^<details><summary>✘/gm);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(300);
    expect(md).toContain(`> Evidence of ${300 - shown} more findings left out to keep this summary under`);
    expect(md).toContain("… (cut at 16000 characters; the JSON and HTML reports have the rest)");
    expect(count(html, /<details>/g)).toBe(count(html, /<\/details>/g));
  });

  it.each([20_000, 3_000])("holds a smaller bound too (%i bytes), however much is cut", (maxBytes) => {
    const report = withResults(failing, Array.from({ length: 300 }, (_, i) => bulkyFailure(`bulky-${i}`, 40_000)));
    const { md } = render(report, maxBytes);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(maxBytes);
    expect(md).toMatch(/left out to keep this summary under|Report cut here to stay under the step-summary limit/);
  });
});
