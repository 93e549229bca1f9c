import { describe, expect, it } from "vitest";
import { openSseStream, spawnWithUrl, startServer, takeWireViolations } from "../src/index.js";
import { WIRE_LOG_ENV } from "../src/wire-contract/store.js";


describe("startServer + openSseStream", () => {
  it("reads events and comments from a real SSE server on port 0, and close() ends open streams", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": hello\n\nevent: endpoint\ndata: /m?sessionId=1\n\ndata: line1\ndata: line2\n\n");
    }, { wireContract: false /* a bare SSE server on /, in no spec */ });
    const stream = await openSseStream(server.url);
    const endpoint = await stream.waitFor((e) => e.event === "endpoint");
    expect(endpoint.data).toBe("/m?sessionId=1");
    const multi = await stream.waitFor((e) => e.event === "message");
    expect(multi.data).toBe("line1\nline2");
    expect(stream.comments).toEqual(["hello"]);
    await server.close();
    await stream.ended;
    await expect(stream.waitFor((e) => e.event === "never", 1_000)).rejects.toThrow(/ended/);
  });

  it("waitFor rejects with the raw stream when no event matches in time", async () => {
    await using server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("event: endpoint\ndata: x\n\n");
    }, { wireContract: false /* a bare SSE server on /, in no spec */ });
    await using stream = await openSseStream(server.url);
    await expect(stream.waitFor((e) => e.event === "message", 200)).rejects.toThrow(/event: endpoint/);
  });
});

describe("spawnWithUrl", () => {
  it("returns the URL a child prints, and stops the child", async () => {
    const script = `
      const http = require("node:http");
      const s = http.createServer((q, r) => r.end("up")).listen(0, "127.0.0.1", () =>
        console.log("listening on http://127.0.0.1:" + s.address().port));
      process.on("SIGTERM", () => s.close(() => process.exit(0)));`;
    const child = await spawnWithUrl(process.execPath, ["-e", script], { wireContract: false /* a bare "up" server on /, in no spec */ });
    expect(await (await fetch(child.url)).text()).toBe("up");
    expect(await child.stop()).toBe(0);
  });

  /** A child server that answers `status` to every request, and reports its child's env. */
  const childServer = (status: number): string => `
      const http = require("node:http");
      const s = http.createServer((q, r) => { r.statusCode = ${status}; r.end(String(process.env.${WIRE_LOG_ENV})); }).listen(0, "127.0.0.1", () =>
        console.log("listening on http://127.0.0.1:" + s.address().port));
      process.on("SIGTERM", () => s.close(() => process.exit(0)));`;

  it("holds a Node.js child's exchanges to the specs: what it answers outside them reaches the hook when it exits", async () => {
    const child = await spawnWithUrl(process.execPath, ["-e", childServer(200)]);
    const answer = await fetch(`${child.url}/nowhere`);
    // The preload keeps the log's name from the child's own children.
    expect(await answer.text()).toBe("undefined");
    expect(takeWireViolations()).toEqual([]);
    expect(await child.stop()).toBe(0);
    const violations = takeWireViolations();
    expect(violations).toEqual([
      expect.objectContaining({ request: "GET /nowhere", status: 200, message: "no spec has an operation for GET /nowhere, so the only answer is 404" }),
    ]);
    expect(violations[0]?.server).toMatch(/^child process \d+ port \d+$/);
  });

  it("records nothing for a child that answers within the specs, nor for a child that opted out", async () => {
    const conforming = await spawnWithUrl(process.execPath, ["-e", childServer(404)]);
    expect((await fetch(`${conforming.url}/nowhere`)).status).toBe(404);
    await conforming.stop();
    const optedOut = await spawnWithUrl(process.execPath, ["-e", childServer(200)], { wireContract: false /* proves the opt-out */ });
    expect((await fetch(`${optedOut.url}/nowhere`)).status).toBe(200);
    await optedOut.stop();
    expect(takeWireViolations()).toEqual([]);
  });

  it("rejects with the child's output when it exits without a ready line", async () => {
    await expect(spawnWithUrl(process.execPath, ["-e", "console.error('boom'); process.exit(3)"])).rejects.toThrow(
      /exited \(3\)[\s\S]*boom/,
    );
  });
});
