/**
 * A POST declaring a 64 MiB body is refused with 413 from its Content-Length alone, promptly: the
 * runner sends the head and no body, so a server that waits for the body never answers.
 */
import { fail, pass, type Check } from "../../check.js";
import { postDeclaredLengthOnly } from "../../wire/raw-request.js";
import { REF } from "../references.js";

const DECLARED = 64 * 1024 * 1024;
/** How soon the 413 must come after the request head. */
export const OVERSIZE_PROMPT_MS = 1000;

export const postOversize413: Check = {
  id: "post-oversize-413",
  group: "message-status",
  level: "MUST",
  title: `A POST declaring Content-Length ${DECLARED} (64 MiB) gets 413 within ${OVERSIZE_PROMPT_MS} ms, body unsent`,
  reference: REF.spiceSeed,
  failureMeans:
    "A client, or an attacker, can make the server read and buffer any amount of body before it is refused: memory and bandwidth exhaustion. A client with a message that is too big waits for a verdict instead of being told at once.",
  remedy:
    "Compare Content-Length with your limit (4 MiB here) as soon as the request head arrives, before reading the body, and answer 413 with Connection: close and a JSON-RPC error body (the contract's: {\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"Payload too large: the limit is 4194304 bytes (4 MiB).\",\"data\":{\"reason\":\"payload_too_large\",\"limit\":4194304}}}), then close the connection. A body parser with a limit (raw-body, express.json({ limit })) refuses from Content-Length before reading, but its default error page is HTML: map its 413 to the JSON body.",
  profiles: "all",
  requires: ["endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    const sent = await postDeclaredLengthOnly({
      url: session.endpointUrl,
      headers: { ...ctx.settings.headers, "content-type": "application/json" },
      declaredLength: DECLARED,
      timeoutMs: Math.max(ctx.timeoutMs, OVERSIZE_PROMPT_MS),
      signal: ctx.signal,
    });
    const evidence = ctx.evidence.raw(sent, ["the runner sent the request head only, never the body"]);
    if (!sent.response) {
      return fail(`${sent.error ?? "no answer"}: the server waits for a body it could refuse from Content-Length`, evidence);
    }
    const { status, at } = sent.response;
    if (status !== 413) return fail(`a declared ${DECLARED}-byte body was answered ${status} after ${at} ms, not 413`, evidence);
    if (at > OVERSIZE_PROMPT_MS) return fail(`413 came after ${at} ms (limit ${OVERSIZE_PROMPT_MS} ms)`, evidence);
    return pass(`413 after ${at} ms, without the body`);
  },
};
