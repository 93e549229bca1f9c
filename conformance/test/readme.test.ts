/** The README's check table lists every check with its current level, so the docs cannot drift. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allChecks } from "../src/checks/registry.js";

describe("README", () => {
  it("lists every check id with its group and level", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const rows = allChecks.filter((check) => !readme.includes(`| \`${check.id}\` | ${check.group} | ${check.level} |`));
    expect(rows.map((check) => check.id)).toEqual([]);
  });
});
