/** The compatibility matrix's column for tmcp HttpTransport. */
import { describePeer } from "./describe-peer.js";

describePeer("tmcp HttpTransport", {
  // Reviewed against 2026-07-28. Without any _meta, tmcp answers 400 -32020 ("MCP-Protocol-Version
  // does not match the request protocol version"): legal, since the header must match a
  // protocolVersion the body lacks (streamable-http l.257-261), and the check accepts it. With
  // _meta's protocolVersion matching the header and only clientCapabilities missing, -32602 is the
  // one right code and HTTP 400 the one right status (basic/index l.380-382); tmcp sends the
  // -32602 as an SSE answer with 200, and that is what fails.
  "modern-missing-meta": { status: "failed", message: /clientCapabilities got 200 text\/event-stream with error code -32602; want 400 and -32602/ },
});
