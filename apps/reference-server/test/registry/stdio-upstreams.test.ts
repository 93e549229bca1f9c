import { describe, expect, it } from "vitest";
import { childPids, expectApiError, expectSpec, mountRegistry, processExists, type MountedRegistry } from "./helpers.js";
import { CRASH_FIXTURE, EVERYTHING, EXIT_FIXTURE } from "./upstreams.js";

async function register(api: MountedRegistry, body: Record<string, unknown>): Promise<string> {
  const created = await api.request("POST", "/v1/mcp-servers", { json: body });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

async function run(api: MountedRegistry, id: string, tool: string, args: Record<string, unknown> = {}) {
  const answer = await api.request("POST", `/v1/mcp-servers/${id}/tools/${tool}/run`, { json: { args } });
  expectSpec(answer.status === 200 ? "ToolRunResult" : "ApiError", answer.body);
  return answer;
}

describe("registry with stdio upstreams", () => {
  it("refreshes and runs server-everything, passes its env, and reaps it on delete", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    const id = await register(api, {
      server_name: "everything",
      mcp_server_type: "stdio",
      command: "node",
      args: [EVERYTHING, "stdio"],
      env: { EVERYTHING_MARKER: "marker-value" },
    });
    const before = childPids();
    const refreshed = await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expectSpec("RefreshResult", refreshed.body);
    expect(refreshed.body.added).toEqual(expect.arrayContaining(["echo", "get-sum", "get-env"]));
    const spawned = childPids().filter((pid) => !before.includes(pid));
    expect(spawned).toHaveLength(1);

    const echo = await run(api, id, "echo", { message: "hello" });
    expect(echo.body).toEqual({ status: "success", func_return: "Echo: hello", content: [{ type: "text", text: "Echo: hello" }], isError: false });
    const sum = await run(api, id, "get-sum", { a: 2, b: 40 });
    expect(sum.body.content[0].text).toContain("42");
    const env = await run(api, id, "get-env");
    expect(env.body.content[0].text).toContain("marker-value");
    // Only the minimal environment is inherited, not the gateway's own variables.
    expect(env.body.content[0].text).not.toContain("VITEST");
    expectApiError(await run(api, id, "echo", { message: 1 }), 422, "validation_failed");

    // Through the session ToolSource, the upstream's progress notifications reach the caller.
    const progress: unknown[] = [];
    const context = { signal: AbortSignal.timeout(10_000), reportProgress: (...args: unknown[]) => void progress.push(args) };
    const long = await api.registry.tools.callTool({ kind: "all" }, "everything__trigger-long-running-operation", { duration: 0.2, steps: 2 }, context);
    expect(long?.isError ?? false).toBe(false);
    expect(progress).toContainEqual([1, 2, undefined]);
    expect(childPids().filter((pid) => !before.includes(pid))).toEqual(spawned);

    expect((await api.request("DELETE", `/v1/mcp-servers/${id}`)).status).toBe(204);
    expect(processExists(spawned[0]!)).toBe(false);
  });

  it("answers 502 when a stdio upstream exits mid-call, reaps it, and reconnects on the next call", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    const id = await register(api, { server_name: "crashy", mcp_server_type: "stdio", command: "node", args: [CRASH_FIXTURE] });
    const refreshed = await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`);
    expect(refreshed.body.added).toEqual(["pid", "cwd", "crash"]);
    const pid = Number((await run(api, id, "pid")).body.content[0].text);
    expect(processExists(pid)).toBe(true);

    const crashed = expectApiError(await run(api, id, "crash"), 502, "upstream_error");
    expect(crashed.detail).toContain("connection closed during tools/call");
    expect(crashed.detail).toContain("exiting on purpose");
    expect(processExists(pid)).toBe(false);

    const again = await run(api, id, "pid");
    expect(again.status).toBe(200);
    const second = Number(again.body.content[0].text);
    expect(second).not.toBe(pid);
    await api.registry.close();
    expect(processExists(second)).toBe(false);
    expect(childPids()).toEqual([]);
  });

  it("answers 502 when the program exits before the handshake, and reaps it", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    const exits = await register(api, { server_name: "exits", mcp_server_type: "stdio", command: "node", args: [EXIT_FIXTURE] });
    expectApiError(await api.request("PATCH", `/v1/mcp-servers/${exits}/refresh`), 502, "upstream_error");
    expect(childPids()).toEqual([]);
  });

});
