/**
 * No SSRF by default (issue 11, finding 6): registration refuses URLs with userinfo and hosts that
 * are, or resolve to, loopback, link-local (metadata), private, unique-local, CGNAT or unspecified
 * addresses, IPv4-mapped forms included; every connect judges the address actually dialled again
 * (a name that re-resolves to loopback, a redirect to loopback); failures read as one sanitized
 * sentence. Names resolve through an injected lookup: no real DNS.
 */
import { createServer } from "node:http";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import type { ResolvedAddress, UpstreamLookup } from "../../src/registry/index.js";
import { expectApiError, mountRegistry, type MountedRegistry } from "./helpers.js";
import { startSseUpstream, startStreamableUpstream } from "./upstreams.js";

/** A public address (TEST-NET would be refused as special-purpose): what the names resolve to at registration. */
const PUBLIC_ADDRESS: ResolvedAddress = { address: "93.184.215.14", family: 4 };
const LOOPBACK: ResolvedAddress = { address: "127.0.0.1", family: 4 };

/** A resolver with a fixed table that can be changed mid-test, recording every name asked. */
function tableLookup(table: Record<string, ResolvedAddress[]>): UpstreamLookup & { asked: string[]; table: Record<string, ResolvedAddress[]> } {
  const asked: string[] = [];
  const lookup = async (hostname: string): Promise<readonly ResolvedAddress[]> => {
    asked.push(hostname);
    const found = lookup.table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return found;
  };
  lookup.asked = asked;
  lookup.table = table;
  return lookup;
}

const create = (api: MountedRegistry, body: Record<string, unknown>) => api.request("POST", "/v1/mcp-servers", { json: body });
const sse = (server_name: string, server_url: string) => ({ server_name, mcp_server_type: "sse", server_url });

describe("upstream hosts: no SSRF by default", () => {
  it("refuses at registration every internal address the issue lists, by literal, by name and IPv4-mapped, naming the field and the flag", async () => {
    const lookup = tableLookup({ "internal.example": [{ address: "10.1.2.3", family: 4 }], "dual.example": [PUBLIC_ADDRESS, { address: "::1", family: 6 }] });
    await using api = await mountRegistry({ upstreamHostAllowlist: [], upstreamLookup: lookup });
    const refused: [string, RegExp][] = [
      ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is a link-local address/],
      ["http://10.0.0.1/", /10\.0\.0\.1 is a private \(RFC 1918\) address/],
      ["http://172.16.0.1/", /private \(RFC 1918\)/],
      ["http://192.168.1.1/", /private \(RFC 1918\)/],
      ["http://[::ffff:169.254.169.254]/", /link-local address .*\(IPv4-mapped\)/],
      ["http://[::ffff:127.0.0.1]:8080/sse", /loopback address \(IPv4-mapped\)/],
      ["http://metadata.google.internal/computeMetadata/v1/", /metadata\.google\.internal is a name reserved/],
      ["http://2130706433/", /127\.0\.0\.1 is a loopback address/],
      ["http://localhost:6379/", /localhost is a name reserved for this machine/],
      ["http://[::1]:8080/", /\[::1\] is a loopback address/],
      ["http://100.64.0.1/", /shared \(CGNAT\) address/],
      ["http://0.0.0.0:8080/", /the unspecified address/],
      ["http://[fd00:ec2::254]/", /unique-local IPv6 address/],
      ["http://[fe80::1]/", /link-local/],
      ["http://internal.example/sse", /internal\.example resolves to a private \(RFC 1918\) address \(10\.1\.2\.3\)/],
      ["http://dual.example/sse", /dual\.example resolves to a loopback address \(::1\)/],
    ];
    for (const [url, reason] of refused) {
      const body = expectApiError(await create(api, sse(`s-${refused.findIndex(([u]) => u === url)}`, url)), 403, "forbidden");
      expect(body.detail, url).toMatch(reason);
      expect(body.detail, url).toContain("--allow-upstream-host");
      expect(body.errors, url).toEqual([{ field: "/server_url", message: expect.stringMatching(/^is refused: the upstream host is not allowed/) }]);
    }
    // Reserved names and literals are judged without asking any resolver.
    expect(lookup.asked).toEqual(["internal.example", "dual.example"]);
    // Letta's form names the field where the client put it.
    const letta = expectApiError(await create(api, { server_name: "letta", config: { mcp_server_type: "streamable_http", server_url: "http://10.0.0.1/mcp" } }), 403, "forbidden");
    expect(letta.errors?.[0]?.field).toBe("/config/server_url");
    expect((await api.request("GET", "/v1/mcp-servers")).body).toEqual([]);
  });

  it("refuses userinfo and non-http(s) URLs with 422 naming /server_url, on create and on PATCH", async () => {
    const lookup = tableLookup({ "docs.example": [PUBLIC_ADDRESS], "other.example": [PUBLIC_ADDRESS] });
    await using api = await mountRegistry({ upstreamHostAllowlist: [], upstreamLookup: lookup });
    const userinfo = expectApiError(await create(api, sse("u", "http://admin:hunter2@docs.example/sse")), 422, "validation_failed");
    expect(userinfo.errors).toEqual([{ field: "/server_url", message: expect.stringContaining("must not carry a user name or password") }]);
    expect(userinfo.detail).not.toContain("hunter2");
    expectApiError(await create(api, sse("n", "http://nobody@docs.example/sse")), 422, "validation_failed");
    expectApiError(await create(api, sse("f", "ftp://docs.example/sse")), 422, "validation_failed");

    const created = await create(api, sse("docs", "http://docs.example/sse"));
    expect(created.status, created.text).toBe(201);
    const path = `/v1/mcp-servers/${created.body.id}`;
    const patched = expectApiError(await api.request("PATCH", path, { json: { server_url: "http://x:y@other.example/sse" } }), 422, "validation_failed");
    expect(patched.errors?.[0]?.field).toBe("/server_url");
    const retargeted = expectApiError(await api.request("PATCH", path, { json: { server_url: "http://169.254.169.254/" } }), 403, "forbidden");
    expect(retargeted.errors?.[0]?.field).toBe("/server_url");
    expect((await api.request("GET", path)).body.server_url).toBe("http://docs.example/sse");
  });

  it.each([
    ["sse", startSseUpstream, "/sse"],
    ["streamable_http", startStreamableUpstream, "/mcp"],
  ] as const)("judges the dialled address again at connect: a %s name that re-resolves to loopback after registration is refused, the upstream never contacted", async (type, start, path) => {
    await using upstream = await start();
    const port = new URL(upstream.url).port;
    const lookup = tableLookup({ "rebind.example": [PUBLIC_ADDRESS] });
    await using api = await mountRegistry({ upstreamHostAllowlist: [], upstreamLookup: lookup });
    const created = await create(api, { server_name: "rebind", mcp_server_type: type, server_url: `http://rebind.example:${port}${path}` });
    expect(created.status, created.text).toBe(201);

    // The name now points at the gateway's own loopback, where the upstream listens.
    lookup.table["rebind.example"] = [LOOPBACK];
    const refused = expectApiError(await api.request("PATCH", `/v1/mcp-servers/${created.body.id}/refresh`), 502, "upstream_error");
    expect(refused.detail).toBe(
      "Upstream 'rebind' was not contacted: the upstream host is not allowed: rebind.example resolves to a loopback address (127.0.0.1). Start the server with --allow-upstream-host rebind.example (or UPSTREAM_HOST_ALLOWLIST) to allow it.",
    );
    expect(upstream.headers).toEqual([]);
    expect(lookup.asked.length).toBeGreaterThanOrEqual(2);
  });

  it("dials through the injected lookup for an allowed name, and refuses a redirect from it to a loopback literal", async () => {
    await using upstream = await startStreamableUpstream();
    const target = new URL(upstream.url);
    // A front that redirects every request to the upstream's loopback literal.
    await using front = await startServer(
      createServer((req, res) => {
        req.resume();
        res.writeHead(307, { location: `${upstream.url}/mcp` }).end();
      }), { wireContract: false /* a redirecting front, not our API */ },
    );
    const lookup = tableLookup({ "allowed.example": [LOOPBACK], "front.example": [LOOPBACK] });
    await using api = await mountRegistry({ upstreamHostAllowlist: ["allowed.example", "front.example"], upstreamLookup: lookup });

    const allowed = await create(api, { server_name: "allowed", mcp_server_type: "streamable_http", server_url: `http://allowed.example:${target.port}/mcp` });
    expect(allowed.status, allowed.text).toBe(201);
    const refreshed = await api.request("PATCH", `/v1/mcp-servers/${allowed.body.id}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(upstream.headers.every((headers) => headers.host === `allowed.example:${target.port}`)).toBe(true);
    expect(lookup.asked).toContain("allowed.example");

    const seen = upstream.headers.length;
    const redirected = await create(api, { server_name: "front", mcp_server_type: "streamable_http", server_url: `http://front.example:${new URL(front.url).port}/mcp` });
    expect(redirected.status, redirected.text).toBe(201);
    const refused = expectApiError(await api.request("PATCH", `/v1/mcp-servers/${redirected.body.id}/refresh`), 502, "upstream_error");
    expect(refused.detail).toMatch(/^Upstream 'front' was not contacted: the upstream host is not allowed: 127\.0\.0\.1 is a loopback address/);
    expect(upstream.headers.length).toBe(seen);
  });

  it("tells a closed port and a port that answers something else apart in no way: one sentence, no errno, no body", async () => {
    const closed = await startServer(createServer(() => undefined), { wireContract: false /* closed at once; never answers */ });
    const closedUrl = `${closed.url}/mcp`;
    await closed.close();
    await using other = await startServer(
      createServer((req, res) => {
        req.resume();
        res.writeHead(404, { "content-type": "text/plain" }).end("internal-admin-panel secret-body-7f3a");
      }), { wireContract: false /* a server that answers something else, on purpose */ },
    );
    await using api = await mountRegistry();
    const detailOf = async (name: string, url: string): Promise<string> => {
      const created = await create(api, { server_name: name, mcp_server_type: "streamable_http", server_url: url });
      expect(created.status, created.text).toBe(201);
      return expectApiError(await api.request("PATCH", `/v1/mcp-servers/${created.body.id}/refresh`), 502, "upstream_error").detail;
    };
    const sentence = (name: string) => `Upstream '${name}' failed during initialize: could not reach the upstream server.`;
    expect(await detailOf("x", closedUrl)).toBe(sentence("x"));
    expect(await detailOf("y", `${other.url}/mcp`)).toBe(sentence("y"));
    expect(api.bodies.some((body) => body.includes("secret-body") || body.includes("ECONNREFUSED"))).toBe(false);
    // The operator's log keeps the reason.
    expect(api.logs.some((line) => line.includes("ECONNREFUSED"))).toBe(true);
  });
});
