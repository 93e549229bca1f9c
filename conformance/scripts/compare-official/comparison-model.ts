/**
 * The official conformance suite beside ours: what `compat/official-comparison.json` stores, how an
 * official run's output folder is read, which official checks test the same rule as one of ours,
 * and the Markdown that conformance/README.md carries between its official-comparison markers.
 * Pure functions over text and data, so a unit test can hold the parsing and the rendering.
 */
import { fileURLToPath } from "node:url";
import type { CheckStatus } from "../../src/report/model.js";

/** What the official suite writes per check (its `checks.json` entries). */
export type OfficialStatus = "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED";

export interface OfficialCheck {
  readonly status: OfficialStatus;
  readonly message: string;
}

/** One invocation of the official suite against one peer. */
export interface OfficialRun {
  /** e.g. "0.2.0-alpha.12 --requirements 2026-07-28". */
  readonly label: string;
  /** Set when the run could not be read at all (it crashed, timed out, wrote nothing). */
  readonly error?: string;
  readonly summary: Readonly<Record<OfficialStatus, number>>;
  /** Scenarios the suite ran but says do not count for the revision ("Not scored": pending, extension). */
  readonly unscored: readonly string[];
  /** Keyed `<scenario> › <check id>`: the same check id (wire-schema-valid) recurs in every scenario. */
  readonly checks: Readonly<Record<string, OfficialCheck>>;
}

/** One peer: the official runs and our own run, both against the same running process. */
export interface ComparedPeer {
  readonly name: string;
  readonly package: string;
  readonly version: string;
  readonly official: readonly OfficialRun[];
  readonly ours: { readonly summary: Readonly<Record<string, number>>; readonly results: Readonly<Record<string, { status: CheckStatus; message: string }>> };
  readonly differences: readonly Difference[];
}

/** A mapped pair whose verdicts disagree. */
export interface Difference {
  readonly run: string;
  readonly official: string;
  readonly officialStatus: OfficialStatus;
  readonly ours: string;
  readonly oursStatus: CheckStatus | "not run";
}

export interface OfficialComparison {
  readonly generatedAt: string;
  readonly node: string;
  /** Per suite version: how it starts on Node 20 without the preload (the first error line), or "starts". */
  readonly bareStart: Readonly<Record<string, string>>;
  readonly peers: readonly ComparedPeer[];
}

export const COMPARISON_FILE = fileURLToPath(new URL("../../compat/official-comparison.json", import.meta.url));
export const CONFORMANCE_README = fileURLToPath(new URL("../../README.md", import.meta.url));
export const COMPARISON_START = "<!-- official-comparison:start -->";
export const COMPARISON_END = "<!-- official-comparison:end -->";

/**
 * Official checks that test the same rule as one of ours (by reading both: same request, same
 * required answer). Official checks not listed here test what we do not (tool, resource and prompt
 * fixtures of the official everything-server, tasks, caching hints) or what we test differently.
 */
export const SAME_RULE: Readonly<Record<string, readonly string[]>> = {
  "localhost-host-rebinding-rejected": ["streamable-origin-403"],
  "server-session-id-visible-ascii": ["legacy-session-id-visible-ascii"],
  "server-session-initialized-accepted": ["legacy-notification-202"],
  "server-session-terminated-returns-404": ["legacy-delete-ends-session"],
  "sep-2575-request-meta-invalid-missing-meta": ["modern-missing-meta"],
  "sep-2575-http-server-meta-invalid-400": ["modern-missing-meta"],
  "sep-2575-server-implements-discover": ["modern-discover"],
  "sep-2575-server-unsupported-version-error": ["modern-unsupported-version"],
  "sep-2575-http-server-unsupported-version-400": ["modern-unsupported-version"],
  "sep-2575-http-server-header-mismatch-400": ["modern-header-mismatch"],
  "sep-2243-server-reject-invalid-headers": ["modern-header-mismatch"],
  "sep-2243-header-name-case-insensitive": ["modern-header-name-case"],
  "sep-2575-http-server-method-not-found-404-ping": ["modern-removed-method-404"],
  "sep-2575-http-server-method-not-found-404-initialize": ["modern-removed-method-404"],
  "sep-2575-http-server-method-not-found-404-logging-setlevel": ["modern-removed-method-404"],
  "sep-2575-http-server-no-independent-requests-on-stream": ["modern-no-server-requests"],
  "sep-2575-server-rejects-undeclared-capability": ["modern-missing-client-capability"],
  "sep-2575-missing-capability-http-400": ["modern-missing-client-capability"],
};

const SCENARIO_DIR = /^server-(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
const STATUSES: readonly OfficialStatus[] = ["SUCCESS", "FAILURE", "WARNING", "INFO", "SKIPPED"];

/** The scenario a result folder (`server-<scenario>-<timestamp>`) holds, or undefined for another folder. */
export function scenarioOf(folder: string): string | undefined {
  return SCENARIO_DIR.exec(folder)?.[1];
}

/** Scenarios listed under the suite's "Not scored for <revision>" heading in its printed summary. */
export function unscoredScenarios(stdout: string): string[] {
  const after = stdout.split(/^Not scored for .*$/m)[1];
  if (after === undefined) return [];
  return [...after.matchAll(/^\s+[✓✗] (\S+) \(([\w-]+)\)\s*$/gm)].map((match) => match[1] ?? "");
}

/** Reads one run: `files` maps each result folder's name to its checks.json text. */
export function parseOfficialRun(label: string, files: Readonly<Record<string, string>>, stdout: string): OfficialRun {
  const checks: Record<string, OfficialCheck> = {};
  const summary = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<OfficialStatus, number>;
  for (const [folder, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const scenario = scenarioOf(folder);
    if (scenario === undefined) continue;
    for (const entry of JSON.parse(text) as { id: string; status: string; errorMessage?: string }[]) {
      const status = (STATUSES as readonly string[]).includes(entry.status) ? (entry.status as OfficialStatus) : "INFO";
      checks[`${scenario} › ${entry.id}`] = { status, message: entry.errorMessage ?? "" };
      summary[status] += 1;
    }
  }
  return { label, summary, unscored: unscoredScenarios(stdout), checks };
}

/** Our verdict counts as agreeing when it says the same: SUCCESS ~ passed, FAILURE ~ failed, WARNING ~ warning. */
function agrees(official: OfficialStatus, ours: CheckStatus): boolean {
  if (official === "SUCCESS") return ours === "passed";
  if (official === "FAILURE") return ours === "failed";
  if (official === "WARNING") return ours === "warning";
  return true;
}

/**
 * Every mapped pair where both gave a verdict and they disagree, plus pairs where the official
 * suite failed or warned and we gave no verdict (skipped, not verified, or the check did not
 * apply to the era), since those are where one runner claims a defect the other does not.
 */
export function differences(runs: readonly OfficialRun[], ours: ComparedPeer["ours"]["results"]): Difference[] {
  const found: Difference[] = [];
  for (const run of runs) {
    for (const [key, check] of Object.entries(run.checks)) {
      const id = key.slice(key.indexOf(" › ") + 3);
      for (const ourId of SAME_RULE[id] ?? []) {
        const mine = ours[ourId]?.status;
        const verdict = mine === "passed" || mine === "failed" || mine === "warning" || mine === "deviation";
        const differs = verdict ? !agrees(check.status, mine) && check.status !== "INFO" && check.status !== "SKIPPED" : check.status === "FAILURE" || check.status === "WARNING";
        if (differs) found.push({ run: run.label, official: key, officialStatus: check.status, ours: ourId, oursStatus: mine ?? "not run" });
      }
    }
  }
  return found;
}

function runCell(run: OfficialRun | undefined): string {
  if (run === undefined) return "";
  if (run.error !== undefined) return `could not run: ${oneLine(run.error, 80)}`;
  const { SUCCESS, FAILURE, WARNING } = run.summary;
  const unscored = run.unscored.length > 0 ? ` (${run.unscored.length} unscored scenarios)` : "";
  return `${SUCCESS} ✓ · ${FAILURE} ✗ · ${WARNING} !${unscored}`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The section's Markdown (without the markers), ending in a newline. */
export function renderComparisonMarkdown(comparison: OfficialComparison): string {
  const labels = [...new Set(comparison.peers.flatMap((peer) => peer.official.map((run) => run.label)))];
  const header = `| peer | ${labels.map((label) => `official ${label}`).join(" | ")} | ours: ✓ · ✗ · ! | mapped checks whose verdicts differ |`;
  const rule = `|---|${labels.map(() => "---|").join("")}---|---|`;
  const rows = comparison.peers.map((peer) => {
    const cells = labels.map((label) => runCell(peer.official.find((run) => run.label === label)));
    const { passed = 0, failed = 0, warnings = 0 } = peer.ours.summary;
    const differs = peer.differences.map((d) => `${d.run}: \`${d.official}\` ${d.officialStatus} / \`${d.ours}\` ${d.oursStatus}`).join("<br>") || "none";
    return `| ${peer.name.replace(/\|/g, "\\|")} (\`${peer.package}@${peer.version}\`) | ${cells.join(" | ")} | ${passed} · ${failed} · ${warnings} | ${differs} |`;
  });
  const bare = Object.entries(comparison.bareStart).map(([version, what]) => `\`${version}\`: ${oneLine(what, 200)}`);
  return [
    `Generated ${comparison.generatedAt} on Node ${comparison.node} by \`npm run compare-official -w @mcp-contract/conformance\`.`,
    `Without the preload, on Node ${comparison.node}: ${bare.join("; ")}.`,
    "Official counts are checks (✓ SUCCESS, ✗ FAILURE, ! WARNING), every scenario included, unscored ones too; ours are the whole suite's.",
    "",
    header,
    rule,
    ...rows,
    "",
  ].join("\n");
}

/** `readme` with the text between the comparison markers replaced; throws unless each marker is there once, in order. */
export function replaceComparisonSection(readme: string, section: string): string {
  const start = readme.indexOf(COMPARISON_START);
  const end = readme.indexOf(COMPARISON_END);
  if (start < 0 || end < start || readme.indexOf(COMPARISON_START, start + 1) >= 0 || readme.indexOf(COMPARISON_END, end + 1) >= 0) {
    throw new Error(`the README must contain ${COMPARISON_START} and then ${COMPARISON_END}, once each`);
  }
  return `${readme.slice(0, start)}${COMPARISON_START}\n${section}${readme.slice(end)}`;
}
