/**
 * Starts an HTTP server on an ephemeral loopback port for a test, and closes it (with every open
 * connection, SSE streams included) when disposed. Use with `await using`.
 */
import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` (or `http://[::1]:<port>`), no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens on `host:0` and resolves once the port is bound. */
export async function startServer(
  handlerOrServer: RequestListener | Server,
  host = "127.0.0.1",
): Promise<RunningServer> {
  const server = typeof handlerOrServer === "function" ? createServer(handlerOrServer) : handlerOrServer;
  server.listen(0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // SSE streams never end on their own; without this, close() would wait for them forever.
      server.closeAllConnections();
    });
    return closed;
  };
  return { url, port, server, close, [Symbol.asyncDispose]: close };
}
