/**
 * A correct server on an IPv6 literal URL (`http://[::1]:port`) passes the raw-socket 413 checks:
 * the URL's bracketed hostname is for URLs only, `net.connect` needs the bare address.
 */
import { createGateway } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/runner.js";
import { problems } from "../run-fixture.js";

const RAW_SOCKET_CHECKS = ["post-oversize-413", "post-oversize-chunked-413"];

describe("a server on http://[::1]:port", () => {
  it("passes the raw-socket 413 checks", async () => {
    const gateway = createGateway({ config: {}, log: () => undefined, registry: { databasePath: ":memory:" } });
    const running = await startServer(gateway.app.server, "::1");
    try {
      expect(running.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const report = await runChecks({
        sseUrl: new URL(`${running.url}/v1/mcp/sse`),
        profile: "auto",
        headers: {},
        credentialHeaders: [],
        timeoutMs: 3000,
        strict: true,
        only: RAW_SOCKET_CHECKS,
      });
      expect(problems(report)).toEqual({});
      expect(report.results.filter((r) => RAW_SOCKET_CHECKS.includes(r.id)).map((r) => [r.id, r.status])).toEqual(
        RAW_SOCKET_CHECKS.map((id) => [id, "passed"]),
      );
    } finally {
      await gateway.close();
    }
  });
});
