import { describe, expect, it } from "vitest";
import { CRASH_FIXTURE, EXIT_FIXTURE } from "./upstreams.js";
import { expectApiError, expectSpec, mountRegistry } from "./helpers.js";

const sse = { server_name: "docs", mcp_server_type: "sse", server_url: "http://127.0.0.1:9/sse" };
const stdio = { server_name: "everything", mcp_server_type: "stdio", command: "node", args: [CRASH_FIXTURE] };

describe("registry servers over HTTP", () => {
  it("creates, retrieves, lists, updates and deletes a server", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    const created = await api.request("POST", "/v1/mcp-servers", { json: { ...stdio, env: { LOG_LEVEL: "debug" } } });
    expect(created.status).toBe(201);
    expectSpec("McpServer", created.body);
    expect(created.body).toMatchObject({ ...stdio, env: { LOG_LEVEL: "********" }, last_refreshed_at: null });
    expect(created.body.id).toMatch(/^mcp_server-[0-9a-f-]{36}$/);
    expect(created.headers.get("location")).toBe(`/v1/mcp-servers/${created.body.id}`);

    const path = `/v1/mcp-servers/${created.body.id}`;
    for (const variant of [path, `${path}/`]) {
      const read = await api.request("GET", variant);
      expect(read.status).toBe(200);
      expectSpec("McpServer", read.body);
      expect(read.body).toEqual(created.body);
    }

    const list = await api.request("GET", "/v1/mcp-servers/");
    expect(list.status).toBe(200);
    for (const item of list.body) expectSpec("McpServer", item);
    expect(list.body.map((s: { id: string }) => s.id)).toEqual([created.body.id]);

    const updated = await api.request("PATCH", path, { json: { args: [EXIT_FIXTURE], env: null } });
    expect(updated.status).toBe(200);
    expectSpec("McpServer", updated.body);
    expect(updated.body).toMatchObject({ args: [EXIT_FIXTURE], env: null, command: "node", created_at: created.body.created_at });
    expect(updated.body.updated_at >= created.body.updated_at).toBe(true);

    const deleted = await api.request("DELETE", path);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expectApiError(await api.request("GET", path), 404, "not_found");
    expectApiError(await api.request("DELETE", path), 404, "not_found");
  });

  it("pages the list in creation order with limit and after", async () => {
    await using api = await mountRegistry();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await api.request("POST", "/v1/mcp-servers", { json: { ...sse, server_name: `s${i}` } });
      ids.push(created.body.id);
    }
    const first = await api.request("GET", "/v1/mcp-servers?limit=2");
    const second = await api.request("GET", `/v1/mcp-servers?limit=2&after=${first.body[1].id}`);
    const last = await api.request("GET", `/v1/mcp-servers?limit=2&after=${second.body[1].id}`);
    const pages = [first, second, last].map((page) => page.body.map((s: { id: string }) => s.id));
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    for (const item of [...first.body, ...second.body, ...last.body]) expectSpec("McpServer", item);

    const bad = expectApiError(await api.request("GET", "/v1/mcp-servers?limit=0&after=nope"), 422, "validation_failed");
    expect(bad.errors?.map((e) => e.field)).toEqual(["limit", "after"]);
    expectApiError(await api.request("GET", "/v1/mcp-servers?limit=101"), 422, "validation_failed");
    const unknown = "mcp_server-00000000-0000-4000-8000-000000000000";
    expectApiError(await api.request("GET", `/v1/mcp-servers?after=${unknown}`), 404, "not_found");
  });

  it("answers 409 naming the other server when server_name is taken, on create and on rename", async () => {
    await using api = await mountRegistry();
    const first = await api.request("POST", "/v1/mcp-servers", { json: sse });
    const again = expectApiError(await api.request("POST", "/v1/mcp-servers", { json: { ...sse, mcp_server_type: "streamable_http" } }), 409, "conflict");
    expect(again.detail).toContain(first.body.id);
    const other = await api.request("POST", "/v1/mcp-servers", { json: { ...sse, server_name: "other" } });
    const rename = expectApiError(await api.request("PATCH", `/v1/mcp-servers/${other.body.id}`, { json: { server_name: "docs" } }), 409, "conflict");
    expect(rename.detail).toContain(first.body.id);
    expect((await api.request("GET", "/v1/mcp-servers")).body).toHaveLength(2);
  });

  it("answers 422 naming each invalid field", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    const cases: [string, unknown, string[]][] = [
      ["ftp url", { ...sse, server_url: "ftp://127.0.0.1/sse" }, ["/server_url"]],
      ["missing url", { server_name: "x", mcp_server_type: "streamable_http" }, ["/server_url"]],
      ["bad name", { ...sse, server_name: "no spaces" }, ["/server_name"]],
      ["unknown field", { ...sse, colour: "red" }, ["/colour"]],
      ["bad env name", { ...stdio, env: { "1BAD": "x" } }, ["/env/1BAD"]],
      ["bad header name", { ...sse, custom_headers: { "X Bad": "v" } }, ["/custom_headers/X Bad"]],
      ["header injection", { ...sse, auth_header: "X-Key", auth_token: "a\r\nX-Evil: 1" }, ["/auth_token"]],
      ["not an object", [1, 2], ["/"]],
    ];
    for (const [name, body, fields] of cases) {
      const error = expectApiError(await api.request("POST", "/v1/mcp-servers", { json: body }), 422, "validation_failed");
      for (const field of fields) {
        expect(error.errors?.map((e) => e.field), name).toContain(field);
      }
      expect(error.detail, name).toContain(fields[0]);
    }
    expect((await api.request("GET", "/v1/mcp-servers")).body).toEqual([]);
  });

  it("refuses PATCH fields that do not fit the stored type, and type changes", async () => {
    await using api = await mountRegistry();
    const created = await api.request("POST", "/v1/mcp-servers", { json: sse });
    const path = `/v1/mcp-servers/${created.body.id}`;
    const command = expectApiError(await api.request("PATCH", path, { json: { command: "node" } }), 422, "validation_failed");
    expect(command.errors).toEqual([{ field: "/command", message: "does not apply to a sse server" }]);
    const type = expectApiError(await api.request("PATCH", path, { json: { mcp_server_type: "stdio" } }), 422, "validation_failed");
    expect(type.errors).toEqual([{ field: "/mcp_server_type", message: "cannot change: this server is sse" }]);
    const url = expectApiError(await api.request("PATCH", path, { json: { server_url: "file:///etc/passwd" } }), 422, "validation_failed");
    expect(url.errors?.[0]?.field).toBe("/server_url");
    const same = await api.request("PATCH", path, { json: { mcp_server_type: "sse", auth_token: "tok", auth_header: null } });
    expect(same.status).toBe(200);
    expectSpec("McpServer", same.body);
    expect(same.body).toMatchObject({ auth_token: "********", auth_header: null });
  });

  it("answers 415, 400 and 413 for bodies that are not JSON, malformed or too large", async () => {
    await using api = await mountRegistry();
    const text = await api.request("POST", "/v1/mcp-servers", { body: JSON.stringify(sse), headers: { "content-type": "text/plain" } });
    expect(expectApiError(text, 415, "bad_request").detail).toContain("application/json");
    expectApiError(await api.request("POST", "/v1/mcp-servers", { body: JSON.stringify(sse) }), 415, "bad_request");
    const malformed = await api.request("POST", "/v1/mcp-servers", { body: '{"server_name":', headers: { "content-type": "application/json" } });
    expect(expectApiError(malformed, 400, "bad_request").detail).toContain("not valid JSON");
    const huge = JSON.stringify({ ...sse, pad: "x".repeat(4 * 1024 * 1024) });
    expectApiError(await api.request("POST", "/v1/mcp-servers", { body: huge, headers: { "content-type": "application/json" } }), 413, "bad_request");
    const withCharset = await api.request("POST", "/v1/mcp-servers", { body: JSON.stringify(sse), headers: { "content-type": "application/json; charset=utf-8" } });
    expect(withCharset.status).toBe(201);
  });

  it("answers 403 with how to allow a stdio command that is not on the allowlist", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["npx"] });
    const denied = expectApiError(await api.request("POST", "/v1/mcp-servers", { json: stdio }), 403, "forbidden");
    expect(denied.detail).toContain("--allow-stdio node");
    expect(denied.detail).toContain("STDIO_ALLOWLIST=node");
    expect(denied.errors).toEqual([{ field: "/command", message: "is not an allowed stdio program" }]);
    // A file elsewhere that shares the allowed program's name is another program: refused.
    expectApiError(await api.request("POST", "/v1/mcp-servers", { json: { ...stdio, command: "/usr/local/bin/npx" } }), 403, "forbidden");
    const byName = await api.request("POST", "/v1/mcp-servers", { json: { ...stdio, command: "npx", args: ["--version"] } });
    expect(byName.status, byName.text).toBe(201);
    const path = `/v1/mcp-servers/${byName.body.id}`;
    expectApiError(await api.request("PATCH", path, { json: { command: "bash" } }), 403, "forbidden");
    expect((await api.request("GET", path)).body.command).toBe("npx");
  });

  it("answers 404 for unknown servers, tools and paths, 405 for unknown methods, and leaves other paths alone", async () => {
    await using api = await mountRegistry();
    const unknown = "mcp_server-00000000-0000-4000-8000-000000000000";
    for (const path of [`/v1/mcp-servers/${unknown}`, `/v1/mcp-servers/${unknown}/tools`, `/v1/mcp-servers/not-an-id`, "/v1/mcp-servers/x/y/z/w/v"]) {
      expectApiError(await api.request("GET", path), 404, "not_found");
    }
    expectApiError(await api.request("PATCH", `/v1/mcp-servers/${unknown}/refresh`), 404, "not_found");
    expectApiError(await api.request("PATCH", `/v1/mcp-servers/${unknown}`, { json: {} }), 404, "not_found");
    expectApiError(await api.request("POST", `/v1/mcp-servers/${unknown}/tools/echo/run`, { json: {} }), 404, "not_found");
    const created = await api.request("POST", "/v1/mcp-servers", { json: sse });
    const noTool = expectApiError(await api.request("GET", `/v1/mcp-servers/${created.body.id}/tools/echo`), 404, "not_found");
    expect(noTool.detail).toContain("Refresh");
    const tools = await api.request("GET", `/v1/mcp-servers/${created.body.id}/tools`);
    expect(tools.body).toEqual([]);
    const put = await api.request("PUT", `/v1/mcp-servers/${created.body.id}`, { json: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
    expectSpec("ApiError", put.body);
    const other = await api.request("GET", "/v1/mcp-serversx");
    expect([other.status, other.text]).toEqual([404, "not a registry path"]);
  });
});
