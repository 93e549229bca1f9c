/**
 * The baseline file: the checks a target is known to fail, each with the reason, like the
 * expected-failures file of the official MCP conformance suite. JSON, so it diffs and reviews
 * well; every problem in it is reported with what to fix, and unknown check ids are refused (a
 * typo must not silently stop an entry from applying).
 *
 * {
 *   "expectedFailures": [
 *     { "id": "post-oversize-413", "reason": "413 lands in the next release", "profiles": ["spice"] }
 *   ]
 * }
 */
import { readFile } from "node:fs/promises";
import type { Profile } from "../report/model.js";
import { PROFILES } from "../run/profile.js";
import { nearNames } from "../command/argument-errors.js";

/** One expected failure: the check id, why it fails, and (optionally) the dialects it applies to. */
export interface BaselineEntry {
  readonly id: string;
  readonly reason: string;
  /** Applies only when the run's profile is one of these; absent: every profile. */
  readonly profiles?: readonly Profile[];
}

export interface Baseline {
  /** Where it was read from, as given on the command line. */
  readonly file: string;
  readonly entries: readonly BaselineEntry[];
}

const TOP_LEVEL = new Set(["$schema", "description", "expectedFailures"]);
const ENTRY_KEYS = new Set(["id", "reason", "profiles"]);

/** Reads and checks a baseline file, or says what is wrong with it. */
export async function loadBaseline(file: string, knownIds: readonly string[]): Promise<Baseline | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { error: `--baseline ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); write one with "mcp-contract baseline <url> --write ${file}"` };
  }
  return parseBaseline(text, file, knownIds);
}

/** Parses baseline JSON text; every problem names the entry and the fix. */
export function parseBaseline(text: string, file: string, knownIds: readonly string[]): Baseline | { error: string } {
  const problem = (message: string): { error: string } => ({ error: `--baseline ${file}: ${message}` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return problem(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value) || !Array.isArray(value["expectedFailures"])) {
    return problem('expected an object with an "expectedFailures" array, e.g. {"expectedFailures": [{"id": "post-oversize-413", "reason": "…"}]}');
  }
  const extra = Object.keys(value).filter((key) => !TOP_LEVEL.has(key));
  if (extra.length > 0) return problem(`unknown key(s) ${extra.join(", ")}: use "expectedFailures" (and optionally "description")`);
  const known = new Set(knownIds);
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const [index, entry] of (value["expectedFailures"] as unknown[]).entries()) {
    const where = `expectedFailures[${index}]`;
    if (!isObject(entry)) return problem(`${where} is not an object`);
    const unknownKeys = Object.keys(entry).filter((key) => !ENTRY_KEYS.has(key));
    if (unknownKeys.length > 0) return problem(`${where} has unknown key(s) ${unknownKeys.join(", ")}: an entry has id, reason and optionally profiles`);
    const { id, reason, profiles } = entry;
    if (typeof id !== "string" || !known.has(id)) {
      const near = typeof id === "string" ? nearNames(id, knownIds, 3) : [];
      return problem(`${where}.id ${JSON.stringify(id)} is not a check id${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}; run "mcp-contract list"`);
    }
    if (typeof reason !== "string" || reason.trim() === "") return problem(`${where} (${id}) needs a non-empty "reason": say why the check is expected to fail`);
    if (profiles !== undefined && (!Array.isArray(profiles) || profiles.length === 0 || !profiles.every((p) => PROFILES.includes(p as Profile)))) {
      return problem(`${where}.profiles must be a non-empty array of ${PROFILES.join(", ")}`);
    }
    for (const profile of (profiles as Profile[] | undefined) ?? ["*"]) {
      const key = `${id} ${profile}`;
      if (seen.has(key) || seen.has(`${id} *`) || (profile === "*" && [...seen].some((s) => s.startsWith(`${id} `)))) {
        return problem(`${where} repeats ${id}${profile === "*" ? "" : ` for ${profile}`}: keep one entry per check and profile`);
      }
      seen.add(key);
    }
    entries.push({ id, reason: reason.trim(), ...(profiles !== undefined && { profiles: profiles as Profile[] }) });
  }
  return { file, entries };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
