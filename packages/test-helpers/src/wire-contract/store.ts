/**
 * Where recorded violations wait for the test hook. Kept on globalThis, not in this module, so the
 * setup file (loaded from source by vitest) and the servers (started through the built package)
 * share one list even when they load two copies of this module.
 */
import type { WireViolation } from "./exchange-check.js";

interface Store {
  violations: Array<WireViolation & { readonly server: string }>;
}

const KEY = Symbol.for("@mcp-contract/test-helpers/wire-contract");

function store(): Store {
  const holder = globalThis as { [KEY]?: Store };
  holder[KEY] ??= { violations: [] };
  return holder[KEY];
}

/** Adds a violation of the server at `server` (its URL, or a label before it listens). */
export function recordViolation(server: string, violation: WireViolation): void {
  store().violations.push({ server, ...violation });
}

/** Every violation recorded since the last call, and forgets them. */
export function takeWireViolations(): Array<WireViolation & { readonly server: string }> {
  const { violations } = store();
  return violations.splice(0, violations.length);
}

/** Throws one error listing every violation recorded since the last check (the test hook's body). */
export function assertNoWireViolations(): void {
  const violations = takeWireViolations();
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) => `- ${v.request} → ${v.status || "no status"} on ${v.server}${v.operation ? `, ${v.operation}` : ""}: ${v.message}`,
  );
  throw new Error(
    `The wire broke the OpenAPI contract (${violations.length} violation${violations.length === 1 ? "" : "s"}):\n${lines.join("\n")}\n` +
      "Fix the server or openapi/ (then npm run generate); a deliberately non-conforming fixture opts out with startServer(handler, { wireContract: false /* why */ }).",
  );
}
