/**
 * A chunked POST whose body grows past 4 MiB gets 413 as it crosses the limit. The runner streams
 * a little over 4 MiB and never sends the terminating chunk, so only a server that decides at the
 * limit answers; one that waits for the end of the body never does (until the bound) and is caught.
 * Stopping just past the limit, rather than pushing on to 8 MiB, keeps the runner from writing into
 * a connection the server has already reset, which would discard the 413 before it could be read.
 */
import { MAX_MESSAGE_BYTES } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { postChunkedWithoutEnd, type RawExchange } from "../../wire/raw-request.js";
import { REF } from "../references.js";

const SENT = MAX_MESSAGE_BYTES + 64 * 1024;

export const postOversizeChunked413: Check = {
  id: "post-oversize-chunked-413",
  group: "message-status",
  level: "SHOULD",
  title: "A chunked POST body crossing 4 MiB gets 413 at the limit, before the body's end is sent",
  reference: REF.spiceSeed,
  failureMeans:
    "A chunked body (no Content-Length) is read to its end before it is measured, so a client can stream an unbounded body into the server's memory, and a legitimate oversized message is refused only after all of it was sent.",
  remedy:
    "Count body bytes as they arrive; the moment the count passes the limit, stop reading, answer 413 with Connection: close and a JSON-RPC error body (error code -32000, data {\"reason\":\"payload_too_large\",\"limit\":4194304}), and close the connection. Do not wait for the terminating chunk.",
  profiles: "all",
  requires: ["endpoint-resolves"],
  async run(ctx) {
    let sent: RawExchange | undefined;
    // A reset can still swallow the answer on a slow link; one fresh attempt tells that from a server that never answers.
    for (let attempt = 0; attempt < 2 && !sent?.response && !ctx.signal.aborted; attempt++) {
      const session = await ctx.openSession();
      sent = await postChunkedWithoutEnd({
        url: session.endpointUrl,
        headers: { ...ctx.settings.headers, "content-type": "application/json" },
        totalBytes: SENT,
        prefix: '{"jsonrpc":"2.0","id":"oversize-chunked","method":"ping","params":{"padding":"',
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
      });
      if (!sent.error?.includes("without an answer")) break;
    }
    if (!sent) return fail("the run was aborted before the request was sent");
    const evidence = ctx.evidence.raw(sent, [`chunked body: ${sent.bodyBytesSent} bytes sent, the terminating chunk never sent`]);
    if (!sent.response) {
      return fail(
        `${sent.error ?? "no answer"} after ${sent.bodyBytesSent} body bytes: the server did not answer 413 at ${MAX_MESSAGE_BYTES} bytes` +
          (sent.error?.includes("without an answer") ? " (or reset the connection before its answer could be read)" : ""),
        evidence,
      );
    }
    const { status, at } = sent.response;
    if (status !== 413) return fail(`the chunked body was answered ${status}, not 413`, evidence);
    return pass(`413 after ${sent.bodyBytesSentBeforeAnswer ?? sent.bodyBytesSent} body bytes (${at} ms)`);
  },
};
