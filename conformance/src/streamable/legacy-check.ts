/**
 * The shape the 2025 session checks share: group `streamable`, every profile, and a run that
 * starts from a session it opened with `initialize` (DELETEd when the check ends); a server that
 * does not answer `initialize` fails the check with that exchange.
 */
import { fail, type Check, type CheckGroup, type Verdict } from "../check.js";
import type { CheckLevel } from "../report/model.js";
import type { CheckContext } from "../run/check-context.js";
import type { TargetKind } from "../target/target.js";
import { openLegacy } from "./streamable-exchange.js";

/** A session a 2025 check works in. */
export interface LegacySession {
  readonly sessionId: string | undefined;
  readonly version: string;
}

export interface LegacyCheckSpec {
  readonly id: string;
  readonly level: CheckLevel;
  readonly title: string;
  readonly reference: string;
  readonly failureMeans: Check["failureMeans"];
  readonly remedy: Check["remedy"];
  readonly transports: readonly TargetKind[];
  readonly requires?: readonly string[];
  /** Default: the `streamable` group, every profile (a vendor profile's own checks say theirs). */
  readonly group?: CheckGroup;
  readonly profiles?: Check["profiles"];
  readonly run: (ctx: CheckContext, session: LegacySession) => Promise<Verdict>;
}

const GROUP: CheckGroup = "streamable";

/** A 2025 session check from its identity and its body. */
export function legacyCheck(spec: LegacyCheckSpec): Check {
  return {
    id: spec.id,
    group: spec.group ?? GROUP,
    level: spec.level,
    title: spec.title,
    reference: spec.reference,
    failureMeans: spec.failureMeans,
    remedy: spec.remedy,
    profiles: spec.profiles ?? "all",
    transports: spec.transports,
    requires: spec.requires ?? [],
    async run(ctx) {
      const opened = await openLegacy(ctx);
      if ("problem" in opened) return fail(opened.problem, ctx.evidence.exchange(opened.exchange));
      return spec.run(ctx, opened);
    },
  };
}
