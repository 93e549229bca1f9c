import { describe, expect, it } from "vitest";
import { openSseStream, spawnWithUrl, startServer } from "../src/index.js";

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
    const child = await spawnWithUrl(process.execPath, ["-e", script]);
    expect(await (await fetch(child.url)).text()).toBe("up");
    expect(await child.stop()).toBe(0);
  });

  it("rejects with the child's output when it exits without a ready line", async () => {
    await expect(spawnWithUrl(process.execPath, ["-e", "console.error('boom'); process.exit(3)"])).rejects.toThrow(
      /exited \(3\)[\s\S]*boom/,
    );
  });
});
