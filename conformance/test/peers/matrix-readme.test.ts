/**
 * The committed matrix is complete and current in shape (every check a row, every peer a column,
 * summaries that add up), has the shape the docs site reads, and the root README shows exactly
 * its rendering between the compat-matrix markers. Whether each verdict is still true is proven
 * by the per-peer tests beside this file.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allChecks } from "../../src/checks/registry.js";
import { matrixChecks, readCompatMatrix } from "../../scripts/compat/compat-matrix-model.js";
import { matrixSectionOf, renderMatrixMarkdown, ROOT_README } from "../../scripts/compat/render-readme.js";
import { PEERS } from "./peers.js";

const REGENERATE = "run npm run compat -w @mcp-contract/conformance";

describe("the committed compatibility matrix", () => {
  const matrix = readCompatMatrix();

  it("has a row for every check, in run order", () => {
    expect(matrix.checks, `the checks changed since the matrix was made: ${REGENERATE}`).toEqual(matrixChecks(allChecks));
  });

  it("has a column per peer, the reference server first, each with a verdict for every check", () => {
    expect(matrix.peers.map((peer) => [peer.name, peer.package])).toEqual(PEERS.map((peer) => [peer.name, peer.package]));
    for (const peer of matrix.peers) {
      expect(Object.keys(peer.results), peer.name).toEqual(matrix.checks.map((check) => check.id));
      const count = (status: string): number => Object.values(peer.results).filter((result) => result.status === status).length;
      expect(peer.summary, peer.name).toEqual({ passed: count("passed"), failed: count("failed"), warnings: count("warning"), skipped: count("skipped"), notVerified: count("not-verified"), observations: count("observation"), deviations: count("deviation") });
    }
    expect(matrix.peers[0]?.summary).toMatchObject({ failed: 0, warnings: 0 });
  });

  it("is what the root README shows between its markers", () => {
    const section = matrixSectionOf(readFileSync(ROOT_README, "utf8"));
    expect(section, `README.md's compat-matrix section is not the rendering of compat/matrix.json: ${REGENERATE}`).toBe(renderMatrixMarkdown(matrix));
  });
});
