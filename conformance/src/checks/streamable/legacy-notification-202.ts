/**
 * A notification POST the server accepts is 202 Accepted with no body: there is nothing to answer.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyNotification202 = legacyCheck({
  id: "legacy-notification-202",
  level: "MUST",
  title: "An accepted notification is 202 with an empty body",
  reference: REF.streamableSending,
  failureMeans:
    "Clients treat a status other than 202, or a body they did not expect, as an error for a notification; some then drop the session.",
  remedy:
    "Answer an accepted notification (no id) with 202 Accepted and an empty body (Content-Length: 0), and send nothing for it later either.",
  transports: ["stateful", "stateless"],
  async run(ctx, opened) {
    const exchange = await postLegacy(ctx, opened, { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 999_999, reason: "mcp-contract check" } });
    const evidence = ctx.evidence.exchange(exchange, ["notifications/cancelled for a request that does not exist (a notification every server must accept)"]);
    if (exchange.response?.status !== 202) return fail(`got ${describe(exchange)}, not 202`, evidence);
    return exchange.response.bodyBytes === 0 ? pass("202, empty body", evidence) : fail(`202 with a ${exchange.response.bodyBytes}-byte body; want none`, evidence);
  },
});
