/**
 * `subscriptions/listen` on `/mcp` (2026-07-28): the acknowledgement first, with the filter the
 * server honours; `notifications/tools/list_changed` when a tool source changes, each message
 * tagged with the listen request's id; a graceful result when the server shuts down; malformed
 * filters and JSON-only clients refused. Then the registry as the source: registering, refreshing
 * and deleting a real upstream server announce the change on the stream.
 */
import { once } from "node:events";
import { openSseStream, startServer, type SseStream } from "@mcp-contract/test-helpers";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../src/gateway.js";
import { ToolListChanges } from "../../src/tools/tool-list-changes.js";
import type { ToolSource } from "../../src/tools/tool-source.js";
import { startSdkV2Upstream } from "../registry/sdk-v2-upstream.js";
import { expectSpec, startApp } from "./harness.js";
import { expectRpcError, modernHeaders, modernMeta, modernRequest, postModern } from "./modern-harness.js";
import { ACCEPT_BOTH } from "./streamable-harness.js";

const SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

/** A source whose tool list the test changes at will. */
class ChangingTools implements ToolSource {
  readonly changes = new ToolListChanges();
  hasAsset = (): boolean => false;
  listTools = () => [];
  callTool = async () => undefined;
}

function listenRequest(id: number | string, notifications?: unknown): Record<string, unknown> {
  return modernRequest(id, "subscriptions/listen", notifications === undefined ? {} : { notifications });
}

async function listen(url: string, id: number | string, notifications?: unknown, auth: Record<string, string> = {}): Promise<SseStream> {
  const body = listenRequest(id, notifications);
  const stream = await openSseStream(url, { method: "POST", body: JSON.stringify(body), headers: { ...modernHeaders(body), "content-type": "application/json", ...auth } });
  expect(stream.response.status).toBe(200);
  expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
  expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
  return stream;
}

const messages = (stream: SseStream): Array<Record<string, unknown>> => stream.events.map((event) => JSON.parse(event.data) as Record<string, unknown>);

function listChangedCount(stream: SseStream): number {
  return messages(stream).filter((message) => message["method"] === "notifications/tools/list_changed").length;
}

/** Registers `upstream` as the streamable_http server "v2" (201 expected); returns its id. */
async function registerStreamable(base: string, upstream: string, auth: Record<string, string>): Promise<string> {
  const created = await fetch(`${base}/v1/mcp-servers`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ server_name: "v2", mcp_server_type: "streamable_http", server_url: upstream }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** Resolves once the stream has carried `count` list-changed notifications. */
async function waitForListChanged(stream: SseStream, count: number): Promise<void> {
  let seen = 0;
  await stream.waitFor((event) => (JSON.parse(event.data) as { method?: string }).method === "notifications/tools/list_changed" && ++seen === count, 10_000);
}

describe("subscriptions/listen on /mcp", () => {
  it("acknowledges first with the honoured filter, then announces each tool change tagged with the subscription id", async () => {
    const source = new ChangingTools();
    await using server = await startApp({ toolSources: [source] });
    const discover = (await postModern(`${server.url}/mcp`, modernRequest(1, "server/discover"))).json() as { result: { capabilities: unknown } };
    expect(discover.result.capabilities).toEqual({ tools: { listChanged: true } });

    await using stream = await listen(`${server.url}/mcp`, "sub-1", { toolsListChanged: true, promptsListChanged: true, resourceSubscriptions: ["file:///x"] });
    const ack = await stream.waitFor(() => true);
    expect(JSON.parse(ack.data)).toEqual({
      jsonrpc: "2.0",
      method: "notifications/subscriptions/acknowledged",
      params: { _meta: { [SUBSCRIPTION_ID]: "sub-1" }, notifications: { toolsListChanged: true } },
    });
    expect(ack.id).toBeUndefined();
    source.changes.announce();
    source.changes.announce();
    await waitForListChanged(stream, 2);
    for (const message of messages(stream)) {
      expectSpec("streamable", "StreamableServerMessage", message);
      expect((message["params"] as { _meta: Record<string, unknown> })._meta[SUBSCRIPTION_ID]).toBe("sub-1");
    }
    expect(messages(stream)[0]?.["method"]).toBe("notifications/subscriptions/acknowledged");
  });

  it("sends nothing the client did not ask for, and ends each subscription when its client closes the stream", async () => {
    const source = new ChangingTools();
    await using server = await startApp({ toolSources: [source] });
    const url = `${server.url}/mcp`;
    const quiet = await listen(url, 1, { toolsListChanged: false });
    const unfiltered = await listen(url, 2);
    const wanted = await listen(url, 3, { toolsListChanged: true });
    for (const [stream, id] of [[quiet, 1], [unfiltered, 2]] as const) {
      const ack = JSON.parse((await stream.waitFor(() => true)).data) as { params: unknown };
      expect(ack.params).toEqual({ _meta: { [SUBSCRIPTION_ID]: id }, notifications: {} });
    }
    source.changes.announce();
    await waitForListChanged(wanted, 1);
    // The announcement went out to every stream at once: the quiet ones got nothing.
    expect(listChangedCount(quiet)).toBe(0);
    expect(listChangedCount(unfiltered)).toBe(0);
    expect(server.app.listenStreams.size).toBe(3);
    for (const stream of [quiet, unfiltered, wanted]) {
      const closed = once(server.app.listenStreams, "close");
      stream.close();
      await closed;
    }
    expect(server.app.listenStreams.size).toBe(0);
    source.changes.announce();
  });

  it("ends open subscriptions gracefully on shutdown: the listen request's result, then the end of the stream", async () => {
    const server = await startApp();
    const stream = await listen(`${server.url}/mcp`, 42, { toolsListChanged: true });
    await stream.waitFor(() => true);
    await server.app.close();
    await stream.ended;
    const last = messages(stream).at(-1);
    expect(last).toMatchObject({ jsonrpc: "2.0", id: 42, result: { resultType: "complete", _meta: { [SUBSCRIPTION_ID]: 42 } } });
    expectSpec("streamable", "StreamableServerMessage", last);
  });

  it("refuses a malformed filter with 400 -32602 and a client that cannot read a stream with 400 -32600", async () => {
    await using server = await startApp();
    const url = `${server.url}/mcp`;
    for (const notifications of ["tools", [true], null, { toolsListChanged: "yes" }]) {
      const error = expectRpcError(await postModern(url, listenRequest(5, notifications)), 400, -32602, 5);
      expect(error.message).toContain("params.notifications");
    }
    const jsonOnly = expectRpcError(await postModern(url, listenRequest(6, { toolsListChanged: true }), { accept: "application/json" }), 400, -32600, 6);
    expect(jsonOnly.message).toContain("text/event-stream");
    const noMethodHeader = await postModern(url, listenRequest(7), { "mcp-method": "" });
    expect(noMethodHeader.status).toBe(400);
    expect(server.app.listenStreams.size).toBe(0);
  });
});

describe("subscriptions/listen with the registry as the tool source", () => {
  it("announces registering and refreshing an upstream, stays quiet on a refresh that changed nothing, announces its deletion", async () => {
    await using upstream = await startSdkV2Upstream("modern-only");
    const operator = "operator-listen-7c1e";
    const auth = { authorization: `Bearer ${operator}` };
    const gateway = createGateway({ config: { adminTokens: [operator] }, registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"] }, log: () => {} });
    await using running = await startServer(gateway.app.server);
    try {
      await using stream = await listen(`${running.url}/mcp`, 1, { toolsListChanged: true }, auth);
      await stream.waitFor(() => true);
      const id = await registerStreamable(running.url, upstream.url, auth);
      const refresh = async (): Promise<void> => {
        const answer = await fetch(`${running.url}/v1/mcp-servers/${id}/refresh`, { method: "PATCH", headers: auth });
        expect(answer.status).toBe(200);
      };
      await refresh();
      await waitForListChanged(stream, 1);
      const listed = (await postModern(`${running.url}/mcp`, { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: modernMeta() } }, { ...auth, accept: ACCEPT_BOTH })).json() as {
        result: { tools: Array<{ name: string }> };
      };
      expect(listed.result.tools.map((tool) => tool.name)).toContain("v2__echo");
      await refresh();
      const deleted = await fetch(`${running.url}/v1/mcp-servers/${id}`, { method: "DELETE", headers: auth });
      expect(deleted.status).toBe(204);
      await waitForListChanged(stream, 2);
      // In stream order: had the no-op refresh announced, the deletion's would be the third.
      expect(listChangedCount(stream)).toBe(2);
    } finally {
      await gateway.close();
    }
  });

  it("drives the official SDK v2 client's listChanged handler, which opens its own subscription on a modern connection", async () => {
    await using upstream = await startSdkV2Upstream("modern-only");
    const auth = { authorization: "Bearer operator-listen-sdk-93fa" };
    const gateway = createGateway({ config: { adminTokens: ["operator-listen-sdk-93fa"] }, registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"] }, log: () => {} });
    await using running = await startServer(gateway.app.server);
    try {
      let changed!: (names: string[]) => void;
      const refreshedTools = new Promise<string[]>((resolve) => (changed = resolve));
      const client = new Client(
        { name: "sdk-v2-listen", version: "1.0.0" },
        {
          versionNegotiation: { mode: { pin: "2026-07-28" } },
          listChanged: { tools: { onChanged: (error, tools) => (error ? undefined : changed((tools ?? []).map((tool) => tool.name))) } },
        },
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: auth } }));
      const opened = gateway.app.listenStreams;
      if (opened.size === 0) await once(opened, "open");
      const id = await registerStreamable(running.url, upstream.url, auth);
      expect((await fetch(`${running.url}/v1/mcp-servers/${id}/refresh`, { method: "PATCH", headers: auth })).status).toBe(200);
      expect(await refreshedTools).toContain("v2__echo");
      await client.close();
    } finally {
      await gateway.close();
    }
  });
});
