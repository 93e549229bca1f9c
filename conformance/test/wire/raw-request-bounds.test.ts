/**
 * A raw request keeps at most MAX_KEPT_BYTES of what the server sends, whatever it sends: an
 * endless response head ends the request naming the bound, an endless 413 body is cut to it.
 */
import { once } from "node:events";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { MAX_KEPT_BYTES, postDeclaredLengthOnly } from "../../src/wire/raw-request.js";

/** A TCP server that writes `head` once, then `filler` for as long as the socket drains. */
async function startFlooder(head: string, filler: Buffer): Promise<{ url: string } & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => sockets.delete(socket));
    socket.resume();
    socket.write(head);
    const pump = (): void => {
      while (!socket.destroyed && socket.write(filler)) {
        // Fill until the socket pushes back, then wait for drain.
      }
    };
    socket.on("drain", pump);
    pump();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`,
    [Symbol.asyncDispose]: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("raw requests against a flooding server", () => {
  it("stop at an endless response head, naming the bound", async () => {
    await using server = await startFlooder("HTTP/1.1 413 Payload Too Large\r\nX-Flood: ", Buffer.alloc(64 * 1024, 0x61));
    const exchange = await postDeclaredLengthOnly({ url: server.url, headers: {}, timeoutMs: 5000, declaredLength: 1 << 26 });
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toBe(`the server sent a response head larger than ${MAX_KEPT_BYTES} bytes without an answer`);
  });

  it("keep the head of an endless 413 body and at most the bound of its bytes", async () => {
    await using server = await startFlooder("HTTP/1.1 413 Payload Too Large\r\ncontent-type: text/plain\r\n\r\n", Buffer.alloc(64 * 1024, 0x62));
    const exchange = await postDeclaredLengthOnly({ url: server.url, headers: {}, timeoutMs: 5000, declaredLength: 1 << 26 });
    expect(exchange.response?.status).toBe(413);
    expect(exchange.response?.body.length).toBeGreaterThan(0);
    expect(exchange.response?.body.length).toBeLessThanOrEqual(MAX_KEPT_BYTES);
  });
});
