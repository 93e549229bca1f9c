/**
 * The SARIF 2.1.0 reporter, for code-scanning uploads: one run whose driver (`mcp-contract`) has a
 * rule per check in the report, and a result per failed or warning check. A server is not a file,
 * and GitHub code scanning refuses any location that is not a file of the repository, so each
 * result is placed in a repository file the caller names (the user's workflow, spec or baseline:
 * the line that names the check, else the first line) and keeps the request that showed the
 * problem as a logical location. With no such file a result has the logical location only. With a
 * baseline, an expected failure is a result suppressed externally (`baselineState: "unchanged"`),
 * an unexpected one is `"new"`, and a stale entry is an `"absent"` result of kind `pass` whose
 * message says to remove it.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type { Location, Log, Region, ReportingDescriptor, Result } from "sarif";
import { staleMessage } from "../baseline/apply-baseline.js";
import type { CheckResult, Evidence, Report } from "./model.js";

/** The schema editors and validators know a SARIF 2.1.0 log by; only a name, never fetched. */
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** A repository file to place results in: its URI relative to the repository root, and its text. */
export interface SarifArtifact {
  readonly uri: string;
  readonly text: string;
}

export interface SarifOptions {
  /** Where results are placed; without it they carry only a logical location (the URL). */
  readonly artifact?: SarifArtifact | undefined;
}

/** Renders the report as a SARIF 2.1.0 log (JSON text). */
export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const place = (id: string, evidence: Evidence | undefined) => locationOf(report, id, evidence, options.artifact);
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.results.map(ruleOf),
          },
        },
        invocations: [
          {
            // Failed checks are results, not a failed execution; a run that could not start is one.
            executionSuccessful: !report.couldNotRun,
            exitCode: report.outcome === "pass" ? 0 : report.outcome === "could-not-run" ? 3 : 1,
            ...(report.couldNotRun && {
              toolExecutionNotifications: [{ level: "error" as const, message: { text: report.couldNotRun.message } }],
            }),
            startTimeUtc: report.startedAt,
            endTimeUtc: new Date(Date.parse(report.startedAt) + report.durationMs).toISOString(),
          },
        ],
        results: [...report.results.flatMap((result, ruleIndex) => resultOf(report, result, ruleIndex, place)), ...staleResults(report, place)],
        properties: {
          target: report.target.url,
          profile: report.target.profile,
          profileSource: report.target.profileSource,
          detection: report.target.detection,
          strict: report.options.strict,
          summary: report.summary,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A rule per check: MUST checks default to `error`, SHOULD checks to `warning`. */
function ruleOf(result: CheckResult): ReportingDescriptor {
  return {
    id: result.id,
    name: pascalCase(result.id),
    shortDescription: { text: result.title },
    help: { text: `${result.level}: ${result.title}\nReference: ${result.reference}` },
    // helpUri must be an absolute URI: the reference's leading URL if it has one. Seed and contract
    // references, and any words after the URL, stay in help.
    ...(helpUriOf(result.reference) && { helpUri: helpUriOf(result.reference) }),
    defaultConfiguration: { level: result.level === "MUST" ? "error" : result.level === "SHOULD" ? "warning" : "note" },
    properties: { level: result.level, group: result.group, reference: result.reference, tags: [...new Set(["mcp", result.group])] },
  };
}

/** The URL a reference starts with (up to the first space), or undefined. */
function helpUriOf(reference: string): string | undefined {
  const url = /^https?:\/\/\S+/.exec(reference)?.[0];
  return url && URL.canParse(url) ? url : undefined;
}

type Place = (id: string, evidence: Evidence | undefined) => Location;

function resultOf(report: Report, result: CheckResult, ruleIndex: number, place: Place): Result[] {
  if (result.status !== "failed" && result.status !== "warning" && result.status !== "not-verified" && result.status !== "observation" && result.status !== "deviation") return [];
  const expected = result.expectedFailure;
  const unverified = result.status === "not-verified";
  // SARIF's "informational": what the server does where no rule says (a note, never a failure).
  const observed = result.status === "observation" || result.status === "deviation";
  return [
    {
      ruleId: result.id,
      ruleIndex,
      // SARIF's "review": the tool could not decide; a person must (here: allow a tool call).
      kind: unverified ? "review" : observed ? "informational" : "fail",
      level: unverified || observed ? "none" : result.status === "failed" ? "error" : "warning",
      message: { text: messageOf(result) },
      locations: [place(result.id, result.evidence)],
      partialFingerprints: fingerprint(report, result.id),
      ...(report.baseline && { baselineState: expected ? "unchanged" : "new" }),
      ...(expected && { suppressions: [{ kind: "external", status: "accepted", justification: `expected failure (${report.baseline?.file}): ${expected.reason}` }] }),
      properties: {
        status: result.status,
        level: result.level,
        durationMs: result.durationMs,
        ...(expected && { expectedFailure: expected }),
        ...(result.evidence && { evidence: result.evidence }),
      },
    },
  ];
}

/** Stale baseline entries: the finding is gone, and the entry must go too. */
function staleResults(report: Report, place: Place): Result[] {
  const ruleIndex = new Map(report.results.map((result, index) => [result.id, index]));
  return (report.baseline?.stale ?? []).map((entry) => ({
    ruleId: entry.id,
    ...(ruleIndex.has(entry.id) && { ruleIndex: ruleIndex.get(entry.id) }),
    kind: "pass",
    level: "none",
    baselineState: "absent",
    message: { text: staleMessage(entry, report.baseline?.file ?? "the baseline") },
    locations: [place(entry.id, undefined)],
    partialFingerprints: fingerprint(report, entry.id),
  }));
}

/** Stable across runs of the same check on the same target, so uploads match up. */
function fingerprint(report: Report, id: string): Record<string, string> {
  return { "mcpContractCheck/v1": `${id}@${report.target.url}` };
}

/** The check's finding, then the deciding exchange in one line. */
function messageOf(result: CheckResult): string {
  const summary = evidenceSummary(result.evidence);
  return summary ? `${result.message}\n${summary}` : result.message;
}

/** "request: POST <url>; response: 404 after 3 ms" (or why there was none), plus the first note. */
export function evidenceSummary(evidence: Evidence | undefined): string {
  if (!evidence) return "";
  const parts: string[] = [];
  if (evidence.request) parts.push(`request: ${evidence.request.method} ${evidence.request.url}`);
  const response = evidence.response;
  if (response) {
    const head = response.status !== undefined ? String(response.status) : "no response";
    const after = response.durationMs !== undefined ? ` after ${response.durationMs} ms` : "";
    parts.push(`response: ${head}${after}${response.error ? ` (${response.error})` : ""}`);
  }
  const [note] = evidence.notes ?? [];
  if (note) parts.push(`note: ${note}`);
  return parts.join("; ");
}

/** The repository file (if any) at the line naming the check, and the request that showed the problem as a logical location. */
function locationOf(report: Report, id: string, evidence: Evidence | undefined, artifact: SarifArtifact | undefined): Location {
  const request = evidence?.request;
  return {
    ...(artifact && { physicalLocation: { artifactLocation: { uri: artifact.uri, uriBaseId: "%SRCROOT%" }, region: regionOf(artifact.text, id) } }),
    logicalLocations: [
      request
        ? { name: pathOf(request.url), fullyQualifiedName: `${request.method} ${request.url}`, kind: "resource" }
        : { name: pathOf(report.target.url), fullyQualifiedName: report.target.url, kind: "resource" },
    ],
  };
}

/** The first mention of the check id (a baseline entry, a workflow's --only), else the whole first line. */
function regionOf(text: string, id: string): Region {
  const lines = text.split(/\r\n|\r|\n/);
  const mention = new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`);
  for (const [index, line] of lines.entries()) {
    const match = mention.exec(line);
    if (match) return { startLine: index + 1, startColumn: match.index + 1, endLine: index + 1, endColumn: match.index + 1 + id.length };
  }
  return { startLine: 1, startColumn: 1, endLine: 1, endColumn: (lines[0]?.length ?? 0) + 1 };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
