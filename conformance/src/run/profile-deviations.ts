/**
 * The deviations from 2026-07-28 that a vendor profile documents: what the vendor's server does
 * instead of what the rule says. A check that meets one on a target of that profile reports it by
 * name (status `deviation`): not a pass, since the rule is broken, and not a failure of the
 * profile, since the vendor's server does exactly what its profile says.
 * @see ../../../openapi/streamable.yaml (/_plugins/_ml/mcp)
 */
import { deviate, type Verdict } from "../check.js";
import type { Evidence, Profile } from "../report/model.js";
import type { CheckContext } from "./check-context.js";

export interface Deviation {
  readonly profile: Profile;
  /** What the vendor does, and what the rule says instead. */
  readonly says: string;
}

/** Every documented deviation, by name. */
export const DEVIATIONS = {
  "opensearch-errors-in-200": {
    profile: "opensearch",
    says: "OpenSearch answers every JSON-RPC error inside HTTP 200, a body that is not JSON included (2026-07-28: 404 with -32601 for a method not implemented, 400 for input not accepted)",
  },
  "opensearch-json-only": {
    profile: "opensearch",
    says: "OpenSearch answers in JSON only, never an SSE stream, even to a client that asks only for one, so request notifications (progress) have nowhere to go (2026-07-28 streams them on the request's SSE answer)",
  },
  "opensearch-version-header-unchecked": {
    profile: "opensearch",
    says: "OpenSearch serves a request whatever its MCP-Protocol-Version says (2025-06-18 and later: an invalid or unsupported one is 400; 2026-07-28: 400 -32022)",
  },
} as const satisfies Record<string, Deviation>;

export type DeviationName = keyof typeof DEVIATIONS;

/** The deviation verdict when the target's profile documents `name`; otherwise undefined. */
export function deviationFor(ctx: CheckContext, name: DeviationName, seen: string, evidence?: Evidence): Verdict | undefined {
  const deviation: Deviation = DEVIATIONS[name];
  if (ctx.profile !== deviation.profile) return undefined;
  return deviate(`${name}: ${seen}. ${deviation.says}`, evidence);
}
