/**
 * What the runner checks: which transport and era is behind the URL, how that was learned (the
 * user's option, the URL of a known HTTP+SSE dialect, or era detection), and the evidence.
 */

/**
 * The kinds of MCP server a check can apply to. A dual-era server is both `modern` and a 2025
 * Streamable HTTP server (`stateful` or `stateless`, by whether `initialize` gave a session id).
 */
export type TargetKind = "http+sse" | "stateful" | "stateless" | "modern";

/** Every target kind, in the order the help text lists them. */
export const TARGET_KINDS: readonly TargetKind[] = ["http+sse", "stateful", "stateless", "modern"];

/** Where the runner learned what the target is. */
export type TargetSource = "option" | "url" | "detected";

/** Why nothing was checked: the one root cause every check would otherwise fail on. */
export type CouldNotRunCause = "network" | "auth" | "not-mcp" | "aborted" | "nothing-applies";

/** A target whose transport is known: the checks that apply to one of `kinds` run. */
export interface ResolvedTarget {
  readonly transport: "http+sse" | "streamable-http";
  readonly kinds: readonly TargetKind[];
  readonly source: TargetSource;
  /** One sentence: what is at the URL (and how the runner knows). */
  readonly summary: string;
  /** Each detection step as `request → answer (verdict)`; empty when not detected. */
  readonly steps: readonly string[];
  /** The revisions the server named (discover's supportedVersions, or initialize's choice). */
  readonly protocolVersions: readonly string[];
}

/** A target the run cannot check at all. */
export interface UncheckableTarget {
  /** A cause found before any check ran (`nothing-applies` is only known after). */
  readonly couldNotRun: Exclude<CouldNotRunCause, "nothing-applies">;
  readonly summary: string;
  readonly steps: readonly string[];
  /** What to do about it, when the evidence says more than the cause's usual advice. */
  readonly nextStep?: string | undefined;
}

/** A label for people: `modern`, `stateful`, `dual-era (modern + stateful)`, `http+sse`. */
export function describeKinds(kinds: readonly TargetKind[]): string {
  if (kinds.length > 1) return `dual-era (${kinds.join(" + ")})`;
  return kinds[0] ?? "unknown";
}
