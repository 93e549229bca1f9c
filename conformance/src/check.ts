/**
 * What a check is: one module per requirement, with a stable id, the level the spec states it at,
 * where it comes from, which dialects it applies to, which checks must pass first, and `run`.
 * Reporters, the registry's future checks and the baseline all key on `id`; never rename one.
 */
import type { CheckContext } from "./run/check-context.js";
import type { CheckLevel, Evidence, Profile } from "./report/model.js";
import type { TargetKind } from "./target/target.js";

/** The groups checks are filed under (also `--only`/`--skip` selectors and JUnit classnames). */
export type CheckGroup =
  | "sse"
  | "endpoint"
  | "message-status"
  | "jsonrpc"
  | "mcp"
  | "security"
  | "celonis"
  | "spice"
  | "opensearch"
  | "registry"
  | "streamable"
  | "modern";

/**
 * What a check concludes. `fail` becomes `failed` for a MUST and `warning` for a SHOULD; `warn` is
 * always `warning` (a SHOULD part inside a MUST check); `skip` needs the reason it does not apply.
 */
export type Verdict =
  | { readonly outcome: "pass" | "fail" | "warn"; readonly message: string; readonly evidence?: Evidence | undefined }
  | { readonly outcome: "skip"; readonly message: string }
  /** The check ran as far as it safely could: the rest needs what only the user can allow (a tool to call). */
  | { readonly outcome: "not-verified"; readonly message: string }
  /** What the server does where no specification says what it must (an `INFO` check's only finding). */
  | { readonly outcome: "observe"; readonly message: string; readonly evidence?: Evidence | undefined }
  /** The server breaks the rule the way its vendor profile documents (`message` names the deviation). */
  | { readonly outcome: "deviate"; readonly message: string; readonly evidence?: Evidence | undefined };

/** One requirement, as a module: its identity, where it applies, what gates it, and how to test it. */
export interface Check {
  /** Stable kebab-case id. */
  readonly id: string;
  readonly group: CheckGroup;
  readonly level: CheckLevel;
  /** One line saying what is required. */
  readonly title: string;
  /** The MCP/JSON-RPC spec section URL or the seed document the requirement comes from. */
  readonly reference: string;
  /**
   * What a failure means for the server's users: what breaks, for which clients, and why it
   * matters (for an `INFO` check: what the observation tells them). Required, so a check cannot
   * land without the text its docs page teaches with.
   */
  readonly failureMeans: string;
  /** How to fix the server, concretely: what to answer, with which status, code or header, and when. */
  readonly remedy: string;
  /** Dialects the check applies to; elsewhere it is skipped with that reason. */
  readonly profiles: readonly Profile[] | "all";
  /**
   * The kinds of server the check applies to (a dual-era target is two kinds); elsewhere it is
   * skipped saying so. Default: the HTTP+SSE checks' `["http+sse"]`; the registry's are "all".
   */
  readonly transports?: readonly TargetKind[] | "all";
  /** Checks that must not have failed for this one to mean anything; if one did, this one fails. */
  readonly requires: readonly string[];
  /** A reason to skip (a missing option such as `--keepalive-wait`), or undefined to run. */
  readonly skipUnless?: (ctx: CheckContext) => string | undefined;
  run(ctx: CheckContext): Promise<Verdict>;
}

/** The target kinds a check applies to, its default filled in. */
export function transportsOf(check: Check): readonly TargetKind[] | "all" {
  return check.transports ?? (check.group === "registry" ? "all" : ["http+sse"]);
}

/** The server meets the requirement; `message` says what was seen. */
export function pass(message: string, evidence?: Evidence): Verdict {
  return { outcome: "pass", message, evidence };
}

/** The server breaks the requirement (failed for a MUST, warning for a SHOULD); attach the evidence. */
export function fail(message: string, evidence?: Evidence): Verdict {
  return { outcome: "fail", message, evidence };
}

/** A SHOULD-level finding inside a MUST check: always a warning. */
export function warn(message: string, evidence?: Evidence): Verdict {
  return { outcome: "warn", message, evidence };
}

/** Not verified: what would prove it is not safe to do unasked; `reason` says how to allow it. */
export function notVerified(reason: string): Verdict {
  return { outcome: "not-verified", message: reason };
}

/** Records what the server did where no rule applies: reported as an observation, never pass or fail. */
export function observe(message: string, evidence?: Evidence): Verdict {
  return { outcome: "observe", message, evidence };
}

/** A deviation the target's vendor profile names: reported as such, never pass or fail. */
export function deviate(message: string, evidence?: Evidence): Verdict {
  return { outcome: "deviate", message, evidence };
}

/** The check does not apply here; the reason is shown to the user. */
export function skip(reason: string): Verdict {
  return { outcome: "skip", message: reason };
}

/**
 * Thrown inside a check to stop it with a verdict (a session that would not open, say). The
 * runner turns it into the result; it never escapes the runner.
 */
export class CheckStop extends Error {
  override readonly name = "CheckStop";
  constructor(readonly verdict: Verdict) {
    super(verdict.message);
  }
}
