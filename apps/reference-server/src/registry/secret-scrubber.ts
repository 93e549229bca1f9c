/**
 * Removes secrets from text that may leave the registry (error details, log lines). Upstream
 * errors can echo what was sent to them (a URL, a header), so every such text passes through here.
 */
import { REDACTED } from "./stored-server.js";

/**
 * Secrets shorter than this are not scrubbed: replacing every "a" or "ab" in a message would make
 * it unreadable and protect nothing (such a secret is guessable anyway).
 */
const MIN_SCRUBBED_LENGTH = 3;

/** `text` with every occurrence of each secret (longest first) replaced by `********`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const scrubbable = secrets.filter((secret) => secret.length >= MIN_SCRUBBED_LENGTH);
  scrubbable.sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of scrubbable) result = result.split(secret).join(REDACTED);
  return result;
}
