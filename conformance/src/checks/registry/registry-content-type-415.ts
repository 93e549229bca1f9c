/** A create whose body is valid JSON but labelled text/plain answers 415, and creates nothing. */
import { pass } from "../../check.js";
import { expectStatus, registryCheck } from "../../registry/registry-check.js";
import { UNREACHABLE_SSE_URL } from "../../registry/registry-client.js";
import { REF } from "../references.js";

export const registryContentType415 = registryCheck({
  id: "registry-content-type-415",
  title: "A create sent as Content-Type text/plain answers 415",
  reference: REF.registryErrors,
  failureMeans:
    "The registry parses bodies that are not declared as JSON, so a cross-site form or text/plain POST from a browser (which needs no CORS preflight) can create servers.",
  remedy:
    "Check Content-Type before parsing a request body: anything but application/json answers 415 with an ApiError, and nothing is created.",
  async run(ctx, registry) {
    const body = JSON.stringify({ server_name: registry.uniqueName("plain"), mcp_server_type: "sse", server_url: UNREACHABLE_SSE_URL });
    const call = await registry.call("createMcpServer", { rawBody: body, contentType: "text/plain" });
    expectStatus(ctx, call, [415], "creating a server with Content-Type text/plain");
    return pass("text/plain answered 415");
  },
});
