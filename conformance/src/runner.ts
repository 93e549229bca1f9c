/**
 * Runs checks against one target, in registry order, and builds the report. A check that does not
 * apply is skipped with the reason; one whose prerequisite failed fails saying so; one that throws
 * or outlives its bound fails with that. Nothing the target does can make the run hang or crash:
 * every wait is bounded, each check has a time bound, and the run has a deadline.
 */
import type { Check, Verdict } from "./check.js";
import { CheckStop, transportsOf } from "./check.js";
import { allChecks } from "./checks/registry.js";
import { CheckContext, type RunSettings } from "./run/check-context.js";
import { EvidenceBuilder } from "./run/evidence.js";
import { profileFromUrl, streamableProfileFromUrl } from "./run/profile.js";
import { RunState } from "./run/run-state.js";
import { selectChecks } from "./run/select-checks.js";
import { outcomeOf, REPORT_SCHEMA_VERSION, summarize, type CheckResult, type Profile, type Report, type TargetReport } from "./report/model.js";
import { applyBaseline, classify } from "./baseline/apply-baseline.js";
import type { Baseline } from "./baseline/baseline-file.js";
import { toolVersion } from "./version.js";
import { resolveTarget, type TargetChoice } from "./target/resolve-target.js";
import { describeKinds, type ResolvedTarget, type UncheckableTarget } from "./target/target.js";

export interface RunOptions extends RunSettings {
  readonly profile: Profile | "auto";
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly strict?: boolean;
  /** Bound on the whole run; checks not started by then fail saying so. */
  readonly deadlineMs?: number;
  /** Expected failures: listed failures do not fail the run, listed checks that pass do. */
  readonly baseline?: Baseline;
  /** The checks to choose from (default: every built-in check). */
  readonly checks?: readonly Check[];
  /** `--transport` / `--era`: what to assume instead of detecting it (default auto). */
  readonly choice?: TargetChoice;
  /** Called once the target is known (or known to be uncheckable), before any check. */
  readonly onTarget?: (target: TargetReport, couldNotRun: Report["couldNotRun"]) => void;
  /** Live progress: called as each check starts and ends. */
  readonly onCheckStart?: (check: Check) => void;
  readonly onCheckEnd?: (result: CheckResult) => void;
}

/** The default run deadline: generous for a slow remote server, finite for a dead one. */
export const DEFAULT_DEADLINE_MS = 120_000;

/** Thrown for a configuration the run cannot start with (unknown `--only` id); the CLI exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export async function runChecks(options: RunOptions): Promise<Report> {
  const selection = selectChecks(options.checks ?? allChecks, options.only ?? [], options.skip ?? []);
  if ("error" in selection) throw new UsageError(selection.error);
  const fromUrl = profileFromUrl(options.sseUrl);
  const state =
    options.profile !== "auto"
      ? new RunState(options.profile, "option")
      : fromUrl
        ? new RunState(fromUrl, "url")
        : new RunState("generic", "default");
  const evidence = new EvidenceBuilder(options.credentialHeaders);
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const startedAt = new Date();
  const started = performance.now();
  const results = new Map<string, CheckResult>();
  const choice = options.choice ?? { transport: "auto", era: "auto" };
  const target = await resolveTarget({
    url: options.sseUrl,
    choice,
    headers: options.headers,
    credentialHeaders: options.credentialHeaders,
    timeoutMs: options.timeoutMs,
    signal: deadline,
    // The registry checks talk to --registry only.
    endpointUsed: selection.checks.some((check) => check.group !== "registry"),
  });
  const detection = targetReport(target);
  const couldNotRun = "couldNotRun" in target ? { cause: target.couldNotRun, message: couldNotRunMessage(target) } : undefined;
  if (!("couldNotRun" in target) && target.transport === "streamable-http" && state.profileSource === "default") {
    const streamable = streamableProfileFromUrl(options.sseUrl);
    state.profile = streamable ?? "generic";
    if (streamable) state.profileSource = "url";
  }
  if (!("couldNotRun" in target)) state.target = target;
  options.onTarget?.(detection, couldNotRun);

  for (const check of couldNotRun ? [] : selection.checks) {
    options.onCheckStart?.(check);
    const result = deadline.aborted
      ? resultOf(check, { outcome: "fail", message: `not run: the run's deadline of ${deadlineMs} ms passed first` }, 0)
      : await runOne(check, options, state, evidence, results, deadline, target as ResolvedTarget);
    results.set(check.id, result);
    // Shown live with the profile known so far; the report below applies the final one.
    options.onCheckEnd?.(classify(result, options.baseline, state.profile));
  }

  const { baseline } = options;
  const applied = baseline ? applyBaseline([...results.values()], baseline, state.profile) : undefined;
  const list = applied?.results ?? [...results.values()];
  const summary = summarize(list, baseline !== undefined);
  // A run in which every check was skipped checked nothing: that is never a pass.
  const nothingApplied = !couldNotRun && list.length > 0 && summary.skipped + summary.notVerified === list.length;
  const stopped = couldNotRun ?? (nothingApplied ? { cause: "nothing-applies" as const, message: nothingAppliedMessage(detection) } : undefined);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "mcp-contract", version: toolVersion() },
    target: {
      url: options.sseUrl.href,
      ...(options.registryUrl && { registryUrl: options.registryUrl.href }),
      profile: state.profile,
      profileSource: state.profileSource,
      detection,
    },
    options: {
      strict: options.strict ?? false,
      timeoutMs: options.timeoutMs,
      deadlineMs,
      only: options.only ?? [],
      skip: options.skip ?? [],
      transport: choice.transport,
      era: choice.era,
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary,
    outcome: stopped ? "could-not-run" : outcomeOf(summary, options.strict ?? false, applied?.stale.length ?? 0),
    ...(stopped && { couldNotRun: stopped }),
    results: list,
    ...(baseline && applied && { baseline: { file: baseline.file, entries: baseline.entries.length, stale: applied.stale } }),
  };
}

function targetReport(target: ResolvedTarget | UncheckableTarget): TargetReport {
  if ("couldNotRun" in target) return { kinds: [], source: "detected", summary: target.summary, steps: target.steps, protocolVersions: [] };
  const { transport, kinds, source, summary, steps, protocolVersions } = target;
  return { transport, kinds, source, summary, steps, protocolVersions };
}

function nothingAppliedMessage(target: TargetReport): string {
  return `every selected check was skipped (see each reason), so nothing was checked; the target is ${describeKinds(target.kinds)}: ${target.summary}`;
}

/** One sentence for the one root cause, with what to do about it. */
function couldNotRunMessage(target: UncheckableTarget): string {
  const advice: Record<UncheckableTarget["couldNotRun"], string> = {
    network: "check the URL and that the server is running",
    auth: "give credentials with --bearer or --header",
    "not-mcp": "check the URL is the MCP endpoint, or force the transport with --transport/--era",
    aborted: "the run's deadline passed during detection; raise --deadline",
  };
  return `${target.summary}; ${target.nextStep ?? advice[target.couldNotRun]}`;
}

/** A check's own time bound: room for several waits (and the idle wait of --keepalive-wait), never unbounded. */
function checkBoundMs(options: RunOptions): number {
  return options.timeoutMs * 8 + 2_000 + (options.keepaliveWaitMs ?? 0);
}

async function runOne(
  check: Check,
  options: RunOptions,
  state: RunState,
  evidence: EvidenceBuilder,
  done: ReadonlyMap<string, CheckResult>,
  deadline: AbortSignal,
  target: ResolvedTarget,
): Promise<CheckResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const kinds = transportsOf(check);
  if (kinds !== "all" && !kinds.some((kind) => target.kinds.includes(kind))) {
    return resultOf(check, { outcome: "skip", message: `applies to ${kinds.join("/")} servers; this target is ${describeKinds(target.kinds)} (${target.source === "option" ? "from the options" : target.source === "url" ? "from the URL" : "detected"}; set --transport/--era to override)` }, 0);
  }
  if (check.profiles !== "all" && !check.profiles.includes(state.profile)) {
    const source = state.profileSource === "default" ? "no dialect detected" : `from the ${state.profileSource}`;
    return resultOf(check, { outcome: "skip", message: `applies to the ${check.profiles.join("/")} profile; this target is ${state.profile} (${source}; set --profile to override)` }, 0);
  }
  const bound = AbortSignal.timeout(checkBoundMs(options));
  const signal = AbortSignal.any([deadline, bound]);
  const ctx = new CheckContext(check, options, state, evidence, signal);
  const reason = check.skipUnless?.(ctx);
  if (reason) return resultOf(check, { outcome: "skip", message: reason }, 0);
  for (const required of check.requires) {
    const prior = done.get(required);
    if (prior?.status === "failed") {
      // Name the root failure once instead of nesting every link of the chain.
      const root = /^prerequisite \S+ failed(?:: |; the root failure is )/.test(prior.message)
        ? prior.message.replace(/^prerequisite \S+ failed(?:: |; the root failure is )/, "")
        : `${required}: ${prior.message}`;
      const message = root.startsWith(`${required}: `) ? `prerequisite ${required} failed: ${root.slice(required.length + 2)}` : `prerequisite ${required} failed; the root failure is ${root}`;
      return resultOf(check, { outcome: "fail", message }, 0, true);
    }
  }
  let verdict: Verdict;
  try {
    verdict = await check.run(ctx);
  } catch (error) {
    verdict =
      error instanceof CheckStop
        ? error.verdict
        : { outcome: "fail", message: `the check itself crashed (a runner bug, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  } finally {
    ctx.dispose();
  }
  if (signal.aborted && verdict.outcome !== "pass") {
    const which = deadline.aborted ? `the run's deadline (${options.deadlineMs ?? DEFAULT_DEADLINE_MS} ms)` : `the check's time bound (${checkBoundMs(options)} ms)`;
    verdict = { ...verdict, outcome: "fail", message: `${which} passed before the check finished; last finding: ${verdict.message}` };
  }
  return resultOf(check, verdict, elapsed());
}

/** A MUST that fails is failed, a SHOULD (or INFO) that fails a warning; prerequisite failures always fail; an observation is its own status. */
function resultOf(check: Check, verdict: Verdict, durationMs: number, forceFail = false): CheckResult {
  const status =
    verdict.outcome === "pass"
      ? "passed"
      : verdict.outcome === "skip"
        ? "skipped"
        : verdict.outcome === "not-verified"
          ? "not-verified"
          : verdict.outcome === "observe"
            ? "observation"
            : verdict.outcome === "deviate"
              ? "deviation"
          : verdict.outcome === "warn" || (check.level !== "MUST" && !forceFail)
          ? "warning"
          : "failed";
  return {
    id: check.id,
    group: check.group,
    level: check.level,
    title: check.title,
    status,
    durationMs,
    message: verdict.message,
    reference: check.reference,
    ...("evidence" in verdict && verdict.evidence ? { evidence: verdict.evidence } : {}),
  };
}
