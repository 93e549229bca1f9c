/** The README renderer: only the marked section changes, and peers' messages reach it intact. */
import { describe, expect, it } from "vitest";
import type { CompatMatrix } from "./compat-matrix-model.js";
import { MATRIX_END, MATRIX_START, matrixSectionOf, renderMatrixMarkdown, replaceMatrixSection } from "./render-readme.js";

const MATRIX: CompatMatrix = {
  generatedAt: "2026-01-02T03:04:05.000Z",
  checks: [
    { id: "a-check", group: "sse", level: "MUST", title: "A" },
    { id: "b-check", group: "sse", level: "SHOULD", title: "B" },
  ],
  peers: [
    { name: "good", package: "good-pkg", version: "1.0.0", summary: { passed: 2, failed: 0, warnings: 0, skipped: 0, notVerified: 0, observations: 0, deviations: 0 }, results: { "a-check": { status: "passed", message: "ok" }, "b-check": { status: "passed", message: "ok" } } },
    {
      name: "bad <peer>",
      package: "bad-pkg",
      version: "2.0.0",
      summary: { passed: 0, failed: 1, warnings: 1, skipped: 0, notVerified: 0, observations: 0, deviations: 0 },
      results: { "a-check": { status: "failed", message: 'answered 400 (body: "Invalid `x`:\n {\\"a\\"}")' }, "b-check": { status: "warning", message: "x".repeat(500) } },
    },
  ],
};

describe("renderMatrixMarkdown", () => {
  const text = renderMatrixMarkdown(MATRIX);

  it("marks each verdict in a row per check and sums each peer", () => {
    expect(text).toContain("| `a-check` | MUST | ✓ | ✗ |");
    expect(text).toContain("| `b-check` | SHOULD | ✓ | ! |");
    expect(text).toContain("| 2 · 0 · 0 · 0 · 0 · 0 · 0 | 0 · 1 · 1 · 0 · 0 · 0 · 0 |");
  });

  it("lists each failure with its message on one line, verbatim in a code span", () => {
    expect(text).toContain("- **good** (`good-pkg@1.0.0`): no failures, no warnings.");
    expect(text).toContain("- **bad \\<peer\\>** (`bad-pkg@2.0.0`): 1 failed, 1 warning.");
    expect(text).toContain('  - ✗ `a-check`: ``answered 400 (body: "Invalid `x`: {\\"a\\"}")``');
    expect(text).toMatch(/ {2}- ! `b-check`: `x{239}…`\n/);
  });
});

describe("replaceMatrixSection", () => {
  it("replaces only what is between the markers, and reads back what it wrote", () => {
    const readme = `# T\n\nbefore\n${MATRIX_START}\nold\n${MATRIX_END}\nafter\n`;
    const updated = replaceMatrixSection(readme, "new\n");
    expect(updated).toBe(`# T\n\nbefore\n${MATRIX_START}\nnew\n${MATRIX_END}\nafter\n`);
    expect(matrixSectionOf(updated)).toBe("new\n");
  });

  it.each([
    ["no markers", "# T\n"],
    ["the end before the start", `${MATRIX_END}\n${MATRIX_START}\n`],
    ["a marker twice", `${MATRIX_START}\n${MATRIX_END}\n${MATRIX_START}\n`],
  ])("refuses a README with %s", (_, readme) => {
    expect(() => replaceMatrixSection(readme, "x\n")).toThrow(/compat-matrix:start/);
  });
});
