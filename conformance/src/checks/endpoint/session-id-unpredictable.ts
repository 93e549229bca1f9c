/**
 * Session ids cannot be guessed: from 8 fresh sessions, ids are distinct, long, from a random-
 * looking alphabet, share no long prefix or suffix, and are not counting up.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices#session-hijacking
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

const SESSIONS = 8;
const MIN_VARYING_CHARS = 16;

export const sessionIdUnpredictable: Check = {
  id: "session-id-unpredictable",
  group: "endpoint",
  level: "MUST",
  title: `Session ids of ${SESSIONS} sessions are distinct, ≥ ${MIN_VARYING_CHARS} random-looking chars, not sequential`,
  reference: REF.sessionIds,
  failureMeans:
    "Anyone who can guess a session id (a counter, a timestamp, a short value) can POST into someone else's session and have the answers sent to that user's stream: session hijacking.",
  remedy:
    "Make each session id from a cryptographically secure random source with at least 128 bits, such as crypto.randomUUID() or crypto.randomBytes(16).toString(\"base64url\"). Never build one from a counter, the clock, or a hash of either.",
  profiles: "all",
  requires: ["endpoint-session-id"],
  async run(ctx) {
    const opened = await Promise.all(Array.from({ length: SESSIONS }, () => ctx.tryOpenSession()));
    const ids: string[] = [];
    for (const one of opened) {
      if (!("session" in one)) return fail(`could not open ${SESSIONS} sessions: ${one.problem}`, ctx.evidence.stream(one.stream));
      ids.push(one.session.sessionId ?? "");
    }
    const problem = sessionIdProblem(ids);
    return problem ? fail(`${problem}. Ids seen: ${ids.join(", ")}`) : pass(`${SESSIONS} distinct ids like ${ids[0]}`);
  },
};

/** Why these ids look guessable, or undefined. */
export function sessionIdProblem(ids: readonly string[]): string | undefined {
  if (new Set(ids).size !== ids.length) return "two sessions got the same id";
  const bad = ids.find((id) => !/^[A-Za-z0-9_-]+$/.test(id) || id.length < MIN_VARYING_CHARS);
  if (bad !== undefined) return `id ${JSON.stringify(bad)} is not ≥ ${MIN_VARYING_CHARS} chars of base64url, hex or UUID`;
  const prefix = commonPrefix(ids);
  const suffix = commonPrefix(ids.map((id) => [...id].reverse().join("")));
  const shortest = Math.min(...ids.map((id) => id.length));
  const varying = shortest - prefix - suffix;
  if (varying < MIN_VARYING_CHARS) {
    return `the ids share a ${prefix}-char prefix and a ${suffix}-char suffix; only ${Math.max(0, varying)} chars vary (need ≥ ${MIN_VARYING_CHARS})`;
  }
  const middles = ids.map((id) => id.slice(prefix, id.length - suffix));
  if (middles.every((m) => /^\d+$/.test(m))) {
    const numbers = middles.map(Number).sort((a, b) => a - b);
    const spread = (numbers.at(-1) ?? 0) - (numbers[0] ?? 0);
    if (spread < 1_000_000) return "the ids differ only in a small counting number";
  }
  return undefined;
}

function commonPrefix(values: readonly string[]): number {
  const first = values[0] ?? "";
  let length = 0;
  while (length < first.length && values.every((v) => v[length] === first[length])) length += 1;
  return length;
}
