/**
 * Credential theft by re-pointing (issue 11, finding 5): a PATCH that moves `server_url` to another
 * origin, or changes `auth_header`, must not carry the stored token and custom header values along.
 */
import { describe, expect, it } from "vitest";
import { mountRegistry } from "./helpers.js";
import { startSseUpstream } from "./upstreams.js";

const TOKEN = "tok-RETARGET-5a6b7c";
const HEADER = "hdr-RETARGET-8d9e0f";

describe("re-pointing a server", () => {
  it("drops the stored token and header values when the origin or auth_header changes, unless re-supplied", async () => {
    await using home = await startSseUpstream();
    await using thief = await startSseUpstream();
    await using api = await mountRegistry();
    const created = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "docs", mcp_server_type: "sse", server_url: home.url, auth_token: TOKEN, custom_headers: { "X-Secret": HEADER } },
    });
    expect(created.status, created.text).toBe(201);
    const path = `/v1/mcp-servers/${created.body.id}`;

    // Same origin, another path: the credentials stay.
    const samePlace = await api.request("PATCH", path, { json: { server_url: `${home.url}?v=2` } });
    expect(samePlace.body).toMatchObject({ auth_token: "********", custom_headers: { "X-Secret": "********" } });

    const moved = await api.request("PATCH", path, { json: { server_url: thief.url } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ auth_token: null, custom_headers: null });
    expect((await api.request("PATCH", `${path}/refresh`)).status).toBe(200);
    expect(thief.headers.length).toBeGreaterThan(0);
    for (const headers of thief.headers) {
      expect(JSON.stringify(headers)).not.toContain(TOKEN);
      expect(JSON.stringify(headers)).not.toContain(HEADER);
    }

    // Re-supplied in the same request, they are used at the new origin.
    const back = await api.request("PATCH", path, { json: { server_url: home.url, auth_token: TOKEN } });
    expect(back.body).toMatchObject({ auth_token: "********", custom_headers: null });
    const header = await api.request("PATCH", path, { json: { auth_header: "X-Api-Key" } });
    expect(header.body).toMatchObject({ auth_header: "X-Api-Key", auth_token: null });
  });
});
