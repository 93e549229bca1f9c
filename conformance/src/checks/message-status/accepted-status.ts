/**
 * Which POST statuses mean "accepted" in each dialect: the SSE dialects' seeds say 202 (the answer
 * streams on SSE); Celonis answers 200 with the JSON-RPC response; an unknown (generic) server may
 * do either, so any 2xx counts there as long as the answer arrives.
 */
import type { Profile } from "../../report/model.js";

export function acceptsRequestStatus(profile: Profile, status: number, answeredInBody: boolean): string | undefined {
  if (profile === "celonis") {
    return status === 200 && answeredInBody ? undefined : `the Celonis dialect answers a request synchronously: 200 with the JSON-RPC response in the body (got ${status}${answeredInBody ? "" : ", no answer in the body"})`;
  }
  if (profile === "spice" || profile === "opensearch") {
    return status === 202 ? undefined : `the ${profile} dialect accepts a message with 202 and streams the answer (got ${status})`;
  }
  return status >= 200 && status <= 299 ? undefined : `a POSTed message is accepted with 2xx (got ${status})`;
}

/** Removes (or replaces) the sessionId query parameter of an endpoint URL. */
export function withSessionId(endpoint: URL, sessionId: string | undefined): URL {
  const url = new URL(endpoint);
  if (sessionId === undefined) url.searchParams.delete("sessionId");
  else url.searchParams.set("sessionId", sessionId);
  return url;
}

/** A random id shaped like `real` (same length, same kinds of characters), so only its value is wrong. */
export function lookalikeId(real: string): string {
  const hex = /^[0-9a-f-]+$/.test(real);
  const pick = (alphabet: string): string => alphabet[Math.floor(Math.random() * alphabet.length)] ?? "0";
  let out = "";
  for (const char of real) {
    if (hex && /[0-9a-f]/.test(char)) out += pick("0123456789abcdef");
    else if (/[0-9]/.test(char)) out += pick("0123456789");
    else if (/[a-z]/.test(char)) out += pick("abcdefghijklmnopqrstuvwxyz");
    else if (/[A-Z]/.test(char)) out += pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    else out += char;
  }
  return out === real ? lookalikeId(real) : out;
}
