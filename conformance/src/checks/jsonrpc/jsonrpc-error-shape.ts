/**
 * Every JSON-RPC error the server sent during the run (on streams and in POST bodies) has an
 * integer `code` and a non-empty string `message`. Runs last, after provoking two errors itself.
 */
import { fail, pass, type Check } from "../../check.js";
import { errorOf } from "../../protocol/jsonrpc-shape.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";
import { MALFORMED_JSON } from "./jsonrpc-parse-error.js";

export const jsonrpcErrorShape: Check = {
  id: "jsonrpc-error-shape",
  group: "jsonrpc",
  level: "MUST",
  title: "Every error seen in the run has an integer code and a non-empty string message",
  reference: REF.jsonrpcErrorObject,
  failureMeans:
    "Clients read error.code and error.message (every SDK does): a code that is not an integer, or a missing or empty message, turns a clean error into a parse failure, and the reason is lost.",
  remedy:
    "Build every error object as {code: <integer>, message: <non-empty string>, data?: <anything>} from one helper, and map thrown non-Error values and framework errors through it too (-32603 with a real message for internal errors).",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    await session.request(rpcRequest("error-shape", "mcp-contract/no-such-method"));
    await session.request(MALFORMED_JSON, { match: (r) => "error" in r && r.id === null });
    let errors = 0;
    for (const seen of ctx.observed) {
      const error = errorOf(seen.value);
      if (!error) continue;
      errors += 1;
      const problem = !Number.isInteger(error.code)
        ? `code ${JSON.stringify(error.code)} is not an integer`
        : typeof error.message !== "string" || error.message.trim() === ""
          ? `message ${JSON.stringify(error.message)} is not a non-empty string`
          : undefined;
      if (problem) {
        return fail(`an error seen during ${seen.checkId} (${seen.source}): ${problem}: ${JSON.stringify(seen.value).slice(0, 300)}`);
      }
    }
    return pass(`${errors} errors seen over the run, all well-formed`);
  },
};
