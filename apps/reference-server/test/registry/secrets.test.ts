import { describe, expect, it } from "vitest";
import { expectApiError, expectSpec, mountRegistry } from "./helpers.js";
import { CRASH_FIXTURE, startLeakyRejectingUpstream, startSseUpstream } from "./upstreams.js";

const TOKEN = "tok-SECRET-a1b2c3";
const HEADER_VALUE = "hdr-SECRET-d4e5f6";
const ROTATED = "tok-SECRET-rotated-777";
const API_KEY = "key-SECRET-g7h8i9";
const ENV_VALUE = "env-SECRET-j0k1l2";
const SECRETS = [TOKEN, HEADER_VALUE, ROTATED, API_KEY, ENV_VALUE];

describe("registry secrets", () => {
  it("uses secrets upstream but never returns or logs them, even in upstream error text", async () => {
    await using sse = await startSseUpstream();
    await using leaky = await startLeakyRejectingUpstream();
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });

    const created = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "docs", mcp_server_type: "sse", server_url: sse.url, auth_token: TOKEN, custom_headers: { "X-Secret": HEADER_VALUE } },
    });
    expectSpec("McpServer", created.body);
    expect(created.body).toMatchObject({ auth_token: "********", custom_headers: { "X-Secret": "********" } });
    const docs = `/v1/mcp-servers/${created.body.id}`;
    expect((await api.request("PATCH", `${docs}/refresh`)).status).toBe(200);
    expect((await api.request("POST", `${docs}/tools/echo/run`, { json: { args: { message: "hi" } } })).status).toBe(200);
    expect(sse.headers.every((h) => h.authorization === `Bearer ${TOKEN}` && h["x-secret"] === HEADER_VALUE)).toBe(true);
    const rotated = await api.request("PATCH", docs, { json: { auth_token: ROTATED } });
    expect(rotated.body.auth_token).toBe("********");
    expect((await api.request("PATCH", `${docs}/refresh`)).status).toBe(200);
    expect(sse.headers.at(-1)?.authorization).toBe(`Bearer ${ROTATED}`);

    const leakyServer = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "leaky", mcp_server_type: "streamable_http", server_url: leaky.url, auth_header: "X-Api-Key", auth_token: API_KEY },
    });
    const refused = expectApiError(await api.request("PATCH", `/v1/mcp-servers/${leakyServer.body.id}/refresh`), 502, "upstream_error");
    expect(leaky.headers[0]?.["x-api-key"]).toBe(API_KEY);
    // The caller reads one sanitized sentence, never the upstream's answer; the operator's log has it, scrubbed.
    expect(refused.detail).toBe("Upstream 'leaky' failed during initialize: could not reach the upstream server.");
    expect(api.logs.some((line) => line.includes("rejected credential ********"))).toBe(true);

    const crashy = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "crashy", mcp_server_type: "stdio", command: "node", args: [CRASH_FIXTURE], env: { CRASH_SECRET: ENV_VALUE } },
    });
    expect(crashy.body.env).toEqual({ CRASH_SECRET: "********" });
    const crashPath = `/v1/mcp-servers/${crashy.body.id}`;
    expect((await api.request("PATCH", `${crashPath}/refresh`)).status).toBe(200);
    const crashed = expectApiError(await api.request("POST", `${crashPath}/tools/crash/run`, { json: {} }), 502, "upstream_error");
    expect(crashed.detail).toContain("CRASH_SECRET=********");

    for (const listed of (await api.request("GET", "/v1/mcp-servers")).body) expectSpec("McpServer", listed);
    expect(api.logs.length).toBeGreaterThan(5);
    for (const secret of SECRETS) {
      expect(api.bodies.filter((body) => body.includes(secret)), secret).toEqual([]);
      expect(api.logs.filter((line) => line.includes(secret)), secret).toEqual([]);
    }
  });
});
