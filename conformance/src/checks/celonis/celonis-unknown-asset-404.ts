/** An asset id that does not exist answers 404 with the Celonis error body `{detail}`, for GET and POST. */
import { fail, pass, type Check } from "../../check.js";
import { parseJson } from "../../protocol/jsonrpc-shape.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";

export const celonisUnknownAsset404: Check = {
  id: "celonis-unknown-asset-404",
  group: "celonis",
  level: "MUST",
  title: "An unknown asset id answers 404 with {detail} (GET and POST)",
  reference: REF.celonisSeed,
  failureMeans:
    "A client given a wrong or deleted asset id cannot tell it from an outage: it gets another status, or a body without the detail Celonis clients show to the user.",
  remedy:
    "When the asset id in the path names no asset, answer 404 with a JSON body {\"detail\": \"<what is wrong>\"} for GET and POST alike, before any MCP processing.",
  profiles: ["celonis"],
  requires: ["sse-response-headers"],
  async run(ctx) {
    const url = new URL(ctx.sseUrl);
    url.pathname = url.pathname.replace(/[^/]+\/?$/, `mcp-contract-unknown-${crypto.randomUUID()}`);
    for (const method of ["GET", "POST"] as const) {
      const sent = await ctx.http({
        method,
        url,
        headers: method === "POST" ? { "content-type": "application/json" } : { accept: "text/event-stream" },
        ...(method === "POST" && { body: JSON.stringify(rpcRequest("unknown-asset", "tools/list", {})) }),
      });
      const status = sent.response?.status;
      if (status !== 404) return fail(`${method} for an unknown asset answered ${status ?? sent.error}, not 404`, ctx.evidence.exchange(sent));
      const body = parseJson(sent.response?.body.toString("utf8") ?? "")?.value as { detail?: unknown } | undefined;
      if (typeof body?.detail !== "string" || body.detail === "") {
        return fail(`${method} 404 body is not {"detail": "…"}`, ctx.evidence.exchange(sent));
      }
    }
    return pass("404 with {detail} for GET and POST");
  },
};
