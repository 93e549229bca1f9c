/**
 * The reference server's endpoints the whole suite is timed against, one per era and dialect, with
 * the CLI flags (and the same choice for an in-process run) that select it, and the eras the
 * server's `/mcp` serves (`--eras`): `--era modern` on a dual-era server rightly fails
 * modern-only-get-405 (its GET serves 2025 sessions), so each forced era gets a server of that era,
 * as reference-server.test.ts does. The silent-server and
 * hostile-stream rows reuse the path and flags of one of these, so each has a well-behaved
 * baseline measured the same way.
 */
import type { TargetChoice } from "../../src/target/resolve-target.js";

export type EraId = "http+sse" | "modern" | "legacy" | "dual-era" | "spice" | "opensearch";

export interface EraCase {
  readonly id: EraId;
  readonly label: string;
  readonly path: string;
  readonly flags: readonly string[];
  readonly choice: TargetChoice;
  readonly serverEras: "both" | "modern" | "legacy";
}

const AUTO: TargetChoice = { transport: "auto", era: "auto" };

export const ERA_CASES: readonly EraCase[] = [
  { id: "http+sse", label: "HTTP+SSE `/v1/mcp/sse`", path: "/v1/mcp/sse", flags: [], choice: AUTO, serverEras: "both" },
  { id: "modern", label: "modern `/mcp --era modern` (server `--eras modern`)", path: "/mcp", flags: ["--era", "modern"], choice: { transport: "auto", era: "modern" }, serverEras: "modern" },
  { id: "legacy", label: "legacy `/mcp --era legacy` (server `--eras legacy`)", path: "/mcp", flags: ["--era", "legacy"], choice: { transport: "auto", era: "legacy" }, serverEras: "legacy" },
  { id: "dual-era", label: "dual-era `/mcp` (detected)", path: "/mcp", flags: [], choice: AUTO, serverEras: "both" },
  { id: "spice", label: "Spice `/v1/mcp` (detected)", path: "/v1/mcp", flags: [], choice: AUTO, serverEras: "both" },
  { id: "opensearch", label: "OpenSearch `/_plugins/_ml/mcp` (detected)", path: "/_plugins/_ml/mcp", flags: [], choice: AUTO, serverEras: "both" },
];

export function eraCase(id: EraId): EraCase {
  const found = ERA_CASES.find((entry) => entry.id === id);
  if (!found) throw new Error(`no era case ${id}`);
  return found;
}

/** `/mcp --era modern`, as a row names what the CLI was given. */
export const invocation = (entry: EraCase, extra: readonly string[] = []): string => `\`${[entry.path, ...entry.flags, ...extra].join(" ")}\``;
