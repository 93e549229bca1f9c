/** A valid message just under 4 MiB (4,194,303 bytes, padded with JSON whitespace) is accepted and answered. */
import { MAX_MESSAGE_BYTES } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";
import { acceptsRequestStatus } from "./accepted-status.js";

/** A ping of exactly `size` bytes: the JSON padded with spaces before its closing brace. */
export function paddedPing(id: string, size: number): string {
  const ping = JSON.stringify({ jsonrpc: "2.0", id, method: "ping" });
  return `${ping.slice(0, -1)}${" ".repeat(size - ping.length)}}`;
}

export const postUnderLimitAccepted: Check = {
  id: "post-under-limit-accepted",
  group: "message-status",
  level: "MUST",
  title: `A valid ${MAX_MESSAGE_BYTES - 1}-byte message (just under 4 MiB) is accepted and answered`,
  reference: REF.spiceSeed,
  failureMeans:
    "Large but legal messages (long tool arguments, base64 content) are refused, usually because a layer's default body limit (express.json's 100 kB, nginx's 1 MB client_max_body_size) is below the documented 4 MiB.",
  remedy:
    "Set the body limit to the documented size (4 MiB, 4,194,304 bytes; anything below it is accepted) in every layer that reads the body: the JSON parser, the framework and any proxy in front (nginx client_max_body_size 4m).",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession();
    const answer = await session.request(paddedPing("under-limit", MAX_MESSAGE_BYTES - 1), {
      match: (response) => response.id === "under-limit",
    });
    const status = answer.exchange.response?.status;
    if (status === undefined) return fail(`POST: ${answer.exchange.error}`, answerEvidence(ctx, session, answer));
    const wrong = acceptsRequestStatus(ctx.profile, status, answer.via === "post-body");
    if (wrong) return fail(`a ${MAX_MESSAGE_BYTES - 1}-byte message was refused: ${wrong}`, answerEvidence(ctx, session, answer));
    if (!answer.message) return fail(`accepted (${status}) but ${answer.problem}`, answerEvidence(ctx, session, answer));
    return pass(`${status}, answered, for ${MAX_MESSAGE_BYTES - 1} bytes`);
  },
};
