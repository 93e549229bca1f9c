/**
 * Every `message` event carries one JSON-RPC message (or a batch) as its data: in a session of
 * its own, and in every session the run has opened before it (the check runs last).
 */
import { fail, pass, type Check } from "../../check.js";
import { classifyPayload } from "../../protocol/jsonrpc-shape.js";
import { initializeRequest, rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";

export const sseMessageDataJson: Check = {
  id: "sse-message-data-json",
  group: "sse",
  level: "MUST",
  title: "Every `message` event's data is one JSON-RPC message or batch",
  reference: REF.sseTransport,
  failureMeans:
    "A client that JSON-parses every message event throws or drops the bad one, so the answer it carried is lost and the request never completes. Log lines or half-written JSON on the stream are the usual cause.",
  remedy:
    "Put exactly one serialized JSON-RPC message (or one batch array) in each message event's data, and nothing else. Send logs to stderr or as notifications/message, never as bare message data, and never split one message over two events.",
  profiles: "all",
  requires: ["sse-endpoint-first"],
  async run(ctx) {
    const opened = await ctx.tryOpenSession();
    const stream = "session" in opened ? opened.session.stream : opened.stream;
    if ("session" in opened) {
      for (const message of [initializeRequest("data-json-init"), rpcRequest("data-json-ping", "ping")]) {
        if (!(await opened.session.request(message)).message) break;
      }
    }
    const own = stream.events.filter((event) => event.event === "message");
    for (const event of own) {
      let value: unknown;
      try {
        value = JSON.parse(event.data);
      } catch {
        return fail(`a message event's data is not JSON: ${JSON.stringify(event.data.slice(0, 200))}`, ctx.evidence.stream(stream));
      }
      const shape = classifyPayload(value);
      if ("problem" in shape) {
        return fail(`a message event's data is not a JSON-RPC message (${shape.problem}): ${event.data.slice(0, 200)}`, ctx.evidence.stream(stream));
      }
    }
    const earlier = ctx.state.invalidStreamData;
    if (earlier.length > 0) {
      const first = earlier[0];
      return fail(
        `${earlier.length} message event(s) seen by earlier checks were not JSON-RPC; first, during ${first?.checkId}: ${first?.problem}: ${JSON.stringify(first?.data.slice(0, 200))}`,
      );
    }
    const seen = ctx.observed.filter((m) => m.source === "stream").length;
    return pass(`${own.length} message events here and ${seen} stream messages over the run are JSON-RPC`);
  },
};
