/**
 * Which checks a run includes: `--only` selectors (ids or groups) plus everything they require,
 * minus `--skip` selectors. Unknown selectors are a usage error, reported with what exists.
 */
import type { Check } from "../check.js";
import { nearNames } from "../command/argument-errors.js";

export type Selection = { readonly checks: readonly Check[] } | { readonly error: string };

export function selectChecks(all: readonly Check[], only: readonly string[], skipped: readonly string[]): Selection {
  const groups = new Set(all.map((check) => check.group));
  const ids = new Map(all.map((check) => [check.id, check]));
  for (const selector of [...only, ...skipped]) {
    if (!ids.has(selector) && !groups.has(selector as Check["group"])) {
      const near = nearNames(selector, [...ids.keys(), ...groups], 5);
      return {
        error:
          `unknown check or group "${selector}".` +
          (near.length > 0 ? ` Did you mean: ${near.join(", ")}?` : "") +
          ` Groups: ${[...groups].join(", ")}. Run "mcp-contract list" for every check id.`,
      };
    }
  }
  const matches = (check: Check, selectors: readonly string[]): boolean =>
    selectors.includes(check.id) || selectors.includes(check.group);
  const wanted = new Set(all.filter((check) => only.length === 0 || matches(check, only)).map((check) => check.id));
  // Prerequisites come along so that a selected check still gets its gate; the user can --skip them.
  const queue = [...wanted];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const required of ids.get(id)?.requires ?? []) {
      if (!wanted.has(required)) {
        wanted.add(required);
        queue.push(required);
      }
    }
  }
  return { checks: all.filter((check) => wanted.has(check.id) && !matches(check, skipped)) };
}
