/**
 * Where recorded violations wait for the test hook. Kept on globalThis, not in this module, so the
 * setup file (loaded from source by vitest) and the servers (started through the built package)
 * share one list even when they load two copies of this module.
 */
import { readFileSync } from "node:fs";
import type { WireViolation } from "./exchange-check.js";

/** Names the file a child process's wire check appends its violations to (child-preload.ts). */
export const WIRE_LOG_ENV = "MCP_CONTRACT_WIRE_LOG";

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

/**
 * Records the violations a child process appended to `path` (one JSON object per line); a missing
 * file means the child answered nothing outside the specs. A line cut short by a kill is reported
 * as what it is, not dropped.
 */
export function recordViolationsFromLog(path: string, child: string): void {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return;
  }
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const { server, ...violation } = JSON.parse(line) as WireViolation & { server: string };
      recordViolation(server, violation);
    } catch {
      recordViolation(child, { request: "(unknown)", operation: undefined, status: 0, message: `unreadable wire-check line: ${line.slice(0, 200)}` });
    }
  }
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
