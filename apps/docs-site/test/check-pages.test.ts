/**
 * The check pages' guards, without a browser: every check of the registry can be written as a
 * page and cites a source the page can name; a check whose teaching text is blank fails the build
 * (the type makes it required, this catches an empty string), naming the check and the field.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { specs } from "@mcp-contract/api-types";
import { allChecks } from "@mcp-contract/conformance";
import { describe, expect, it } from "vitest";
import { renderCheckPage } from "../src/check-pages.js";
import { readCompatMatrix } from "../src/compat-matrix.js";
import { sourcesOf } from "../src/spec-references.js";

const root = path.resolve(fileURLToPath(import.meta.url), "../../../..");
const matrix = readCompatMatrix(path.join(root, "conformance/compat/matrix.json"));
const apiPages = Object.keys(specs);

describe("check pages", () => {
  it.each(allChecks.map((check) => [check.id, check] as const))("%s cites a source a reader can find", (_, check) => {
    const sources = sourcesOf(check.reference, apiPages);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      if (source.document === "MCP") expect(source.revision, check.reference).toMatch(/^(\d{4}-\d{2}-\d{2}|draft)$/);
      if (source.href && !/^https?:/.test(source.href)) expect(apiPages.map((name) => `${name}.html`)).toContain(source.href);
    }
  });

  it("names the MCP revision and section of a URL, and links a repository OpenAPI file to its page", () => {
    expect(sourcesOf("https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management", apiPages)).toEqual([
      {
        document: "MCP",
        revision: "2025-11-25",
        section: "basic/transports § session-management",
        href: "https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management",
      },
    ]);
    expect(sourcesOf("openapi/registry.yaml and seed: letta.txt", apiPages)).toEqual([
      { document: "openapi/registry.yaml", revision: "this repository", href: "registry.html" },
      { document: "vendor seed letta.txt", revision: "the vendor's published documentation" },
    ]);
    expect(() => sourcesOf("somewhere", apiPages)).toThrow(/cites no URL/);
  });

  it.each(["failureMeans", "remedy", "title"] as const)("refuses to write the page of a check whose %s is blank", (field) => {
    const check = { ...allChecks[0]!, [field]: "  " };
    expect(() => renderCheckPage(check, matrix, apiPages)).toThrow(new RegExp(`check ${check.id} has no ${field}: its docs page cannot be written`));
  });

  it("says a check newer than the matrix is not in it yet, instead of linking a row that does not exist", () => {
    const html = renderCheckPage({ ...allChecks[0]!, id: "a-check-newer-than-the-matrix" }, matrix, apiPages);
    expect(html).toContain('<p id="failing-none">Not in the compatibility matrix yet');
    expect(html).not.toContain("matrix.html#row-a-check-newer-than-the-matrix");
  });
});
