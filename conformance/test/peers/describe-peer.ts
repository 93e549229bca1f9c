/**
 * The body of each peer test file: start the peer once, run the suite with the matrix's settings,
 * and hold the verdicts to what compat/matrix.json records for that peer, check by check. When a
 * peer's behaviour (or a check) changes, the test names each check that moved and says how to
 * regenerate the matrix; it never updates the matrix itself.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { checkPeer, type PeerRun } from "../../scripts/compat/check-peer.js";
import { readCompatMatrix } from "../../scripts/compat/compat-matrix-model.js";
import { installedVersion, peerNamed } from "./peers.js";

const REGENERATE = "run npm run compat -w @mcp-contract/conformance, review the diff of conformance/compat/matrix.json and README.md, and commit both";
/** Start-up (a gateway spawns and initializes its child) plus a run with a few 1.5 s silences. */
const PEER_RUN_LIMIT_MS = 90_000;

/** A verdict whose evidence was reviewed against the spec: the status, and what the message must show. */
export interface ReviewedVerdict {
  readonly status: string;
  readonly message: RegExp;
}

/** `reviewed`: verdicts held to their evidence too, not only to the matrix's status (see the peer's test file for why each is true). */
export function describePeer(name: string, reviewed: Readonly<Record<string, ReviewedVerdict>> = {}): void {
  describe(`${name}, checked live against the committed compatibility matrix`, () => {
    const peer = peerNamed(name);
    const recorded = readCompatMatrix().peers.find((column) => column.name === name);
    let run: PeerRun;

    beforeAll(async () => {
      run = await checkPeer(peer);
    }, PEER_RUN_LIMIT_MS);

    it("is a column of the matrix, at the installed version", () => {
      expect(recorded, `compat/matrix.json has no column "${name}": ${REGENERATE}`).toBeDefined();
      expect(recorded?.version, `${peer.package} was upgraded or downgraded: ${REGENERATE}`).toBe(installedVersion(peer.package));
    });

    it("gets the verdict the matrix records, for every check", () => {
      const now = Object.fromEntries(run.report.results.map((result) => [result.id, result]));
      const ids = [...new Set([...Object.keys(recorded?.results ?? {}), ...Object.keys(now)])];
      const moved = ids
        .filter((id) => recorded?.results[id]?.status !== now[id]?.status)
        .map((id) => `${id}: the matrix says ${recorded?.results[id]?.status ?? "(no row)"}, the peer now gets ${now[id]?.status ?? "(no result)"}${now[id] ? ` (${now[id].message})` : ""}`);
      expect(moved, `${name} no longer gets the verdicts compat/matrix.json records: ${REGENERATE}`).toEqual([]);
      expect(run.report.summary).toMatchObject(recorded?.summary ?? {});
    });

    if (Object.keys(reviewed).length > 0) {
      it("gets the reviewed verdicts for the reasons reviewed", () => {
        const now = Object.fromEntries(run.report.results.map((result) => [result.id, result]));
        for (const [id, verdict] of Object.entries(reviewed)) {
          expect(now[id]?.status, id).toBe(verdict.status);
          expect(now[id]?.message, id).toMatch(verdict.message);
          expect(recorded?.results[id]?.message, `${id} in compat/matrix.json: ${REGENERATE}`).toMatch(verdict.message);
        }
      });
    }

    it("explains every failure and warning with a message and the exchange that shows it", () => {
      const unexplained = run.report.results
        .filter((result) => result.status === "failed" || result.status === "warning")
        .filter((result) => {
          const { request, response } = result.evidence ?? {};
          const seen = response?.status !== undefined || response?.error !== undefined || response?.streamExcerpt !== undefined;
          return result.message.trim() === "" || result.message.includes("the check itself crashed") || request === undefined || !seen;
        })
        .map((result) => `${result.id}: ${result.message || "(no message)"} ${JSON.stringify(result.evidence ?? "(no evidence)")}`);
      expect(unexplained).toEqual([]);
      for (const [id, result] of Object.entries(recorded?.results ?? {})) {
        if (result.status === "failed" || result.status === "warning") expect(result.message.trim(), id).not.toBe("");
      }
    });
  });
}
