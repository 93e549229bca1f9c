/**
 * Renders the compatibility matrix as the Markdown the root README carries between its
 * `compat-matrix` markers: a row per check, a column per peer, a summary row, then each peer's
 * failures and warnings with the runner's one-line message. Only the text between the markers is
 * ever replaced.
 */
import { fileURLToPath } from "node:url";
import type { CheckStatus } from "../../src/report/model.js";
import { COMPAT_TIMEOUT_MS } from "./check-peer.js";
import type { CompatMatrix, CompatPeer } from "./compat-matrix-model.js";

export const MATRIX_START = "<!-- compat-matrix:start -->";
export const MATRIX_END = "<!-- compat-matrix:end -->";
/** The repository's README, which shows the matrix. */
export const ROOT_README = fileURLToPath(new URL("../../../README.md", import.meta.url));

const MARK: Record<CheckStatus, string> = { passed: "✓", failed: "✗", warning: "!", skipped: "–", "not-verified": "?", observation: "ℹ", deviation: "≠" };
/** Messages longer than this are cut: the README shows the gist; matrix.json has the whole text. */
const MESSAGE_CHARS = 240;

/** The section's Markdown (without the markers), ending in a newline. */
export function renderMatrixMarkdown(matrix: CompatMatrix): string {
  const header = `| check | level | ${matrix.peers.map((peer) => `${escapeMarkdown(peer.name)}<br>\`${peer.package}@${peer.version}\``).join(" | ")} |`;
  const rule = `|---|---|${matrix.peers.map(() => ":-:|").join("")}`;
  const rows = matrix.checks.map(
    (check) => `| \`${check.id}\` | ${check.level} | ${matrix.peers.map((peer) => cell(peer.results[check.id]?.status)).join(" | ")} |`,
  );
  const summary = `| **passed · failed · warnings · skipped · not verified · observations · deviations** | | ${matrix.peers.map(({ summary: s }) => `${s.passed} · ${s.failed} · ${s.warnings} · ${s.skipped} · ${s.notVerified} · ${s.observations} · ${s.deviations}`).join(" | ")} |`;
  return [
    `Generated ${matrix.generatedAt} with \`--timeout ${COMPAT_TIMEOUT_MS}\` (a column naming another \`--timeout\` used that) and \`--profile auto\`.`,
    "✓ passed, ✗ failed (MUST), ! warning (SHOULD), ℹ observation (INFO: no rule states one), ≠ a deviation the vendor profile names, – skipped: another dialect's check, or an opt-in",
    "check whose option (`--keepalive-wait`, credentials, `--registry`) the matrix run does not give.",
    "A MUST is a requirement of the MCP or JSON-RPC specification, or of the mcp-contract message",
    "contract, which adopts the statuses the vendors document for SSE (Spice: 404 for an unknown",
    "session, 413 over 4 MB); each check's reference, in `conformance/README.md`, says which.",
    "",
    header,
    rule,
    ...rows,
    summary,
    "",
    "Failures and warnings, each with the runner's evidence message (`conformance/compat/matrix.json` has them in full):",
    "",
    ...matrix.peers.flatMap(peerFindings),
    "",
  ].join("\n");
}

/** `readme` with the text between the markers replaced by `section`; throws when the markers are not there once each, in order. */
export function replaceMatrixSection(readme: string, section: string): string {
  const { before, after } = splitAtMarkers(readme);
  return `${before}${MATRIX_START}\n${section}${MATRIX_END}${after}`;
}

/** The text between the markers (what renderMatrixMarkdown produced). */
export function matrixSectionOf(readme: string): string {
  const { inside } = splitAtMarkers(readme);
  return inside.startsWith("\n") ? inside.slice(1) : inside;
}

function splitAtMarkers(readme: string): { before: string; inside: string; after: string } {
  const start = readme.indexOf(MATRIX_START);
  const end = readme.indexOf(MATRIX_END);
  if (start < 0 || end < start || readme.indexOf(MATRIX_START, start + 1) >= 0 || readme.indexOf(MATRIX_END, end + 1) >= 0) {
    throw new Error(`the README must contain ${MATRIX_START} and then ${MATRIX_END}, once each`);
  }
  return { before: readme.slice(0, start), inside: readme.slice(start + MATRIX_START.length, end), after: readme.slice(end + MATRIX_END.length) };
}

function cell(status: CheckStatus | undefined): string {
  return status === undefined ? "?" : MARK[status];
}

function peerFindings(peer: CompatPeer): string[] {
  const title = `- **${escapeMarkdown(peer.name)}** (\`${peer.package}@${peer.version}\`)`;
  const findings = Object.entries(peer.results).filter(([, result]) => result.status === "failed" || result.status === "warning");
  if (findings.length === 0) return [`${title}: no failures, no warnings.`];
  const { failed, warnings } = peer.summary;
  return [
    `${title}: ${failed} failed, ${warnings} ${warnings === 1 ? "warning" : "warnings"}.`,
    ...findings.map(([id, result]) => `  - ${MARK[result.status]} \`${id}\`: ${codeSpan(oneLine(result.message))}`),
  ];
}

function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  return flat.length > MESSAGE_CHARS ? `${flat.slice(0, MESSAGE_CHARS - 1)}…` : flat;
}

/** Backslash-escapes what Markdown or HTML would otherwise interpret in a peer's name. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (char) => (char === "&" ? "&amp;" : `\\${char}`));
}

/**
 * A message as a code span, shown exactly as the runner wrote it (server bodies hold quotes,
 * backslashes and angle brackets). The fence is one backtick longer than any run inside.
 */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
