/**
 * The 413 probe of a Streamable HTTP endpoint: a POST head declaring a 64 MiB body, never sent,
 * so a server that refuses by Content-Length answers at once and one that waits never does. What
 * level a missing 413 is depends on whose rule it is (no MCP revision names 413; vendors do).
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, type Verdict } from "../check.js";
import type { CheckContext } from "../run/check-context.js";
import { postDeclaredLengthOnly } from "../wire/raw-request.js";
import type { EraChannel } from "./era-probe.js";
import { ACCEPT_BOTH } from "./streamable-exchange.js";

/** The declared size: far past any limit a server would set for one message. */
export const OVERSIZE_DECLARED = 64 * 1024 * 1024;
/** How soon the 413 must come after the request head. */
export const OVERSIZE_PROMPT_MS = 1000;

/** Declares an oversize tools/list in `channel`'s era and judges the answer. */
export async function oversizeProbe(ctx: CheckContext, channel: EraChannel): Promise<Verdict> {
  const sent = await postDeclaredLengthOnly({
    url: ctx.sseUrl,
    headers: {
      ...ctx.settings.headers,
      ...channel.headers,
      ...(channel.era === "modern" && { [MCP_HEADER.METHOD]: "tools/list" }),
      "content-type": "application/json",
      accept: ACCEPT_BOTH,
    },
    declaredLength: OVERSIZE_DECLARED,
    timeoutMs: Math.max(ctx.timeoutMs, OVERSIZE_PROMPT_MS),
    signal: ctx.signal,
  });
  const evidence = ctx.evidence.raw(sent, ["the runner sent the request head only, never the body"]);
  if (!sent.response) return fail(`${sent.error ?? "no answer"}: the server waits for a body it could refuse from Content-Length`, evidence);
  const { status, at } = sent.response;
  if (status !== 413) return fail(`a declared ${OVERSIZE_DECLARED}-byte body was answered ${status} after ${at} ms, not 413`, evidence);
  if (at > OVERSIZE_PROMPT_MS) return fail(`413 came after ${at} ms (limit ${OVERSIZE_PROMPT_MS} ms)`, evidence);
  return pass(`413 after ${at} ms, without the body`, evidence);
}
