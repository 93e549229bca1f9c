/**
 * Starts an HTTP server on an ephemeral loopback port for a test, and closes it (with every open
 * connection, SSE streams included) when disposed. Use with `await using`. Every exchange is held
 * to the OpenAPI specs (wire-contract/), and the test hook fails the test on a violation; a
 * deliberately non-conforming fixture opts out with `{ wireContract: false /* why *\/ }`.
 */
import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { recordWireContract } from "./wire-contract/recorder.js";

export interface RunningServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` (or `http://[::1]:<port>`), no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /**
   * Check every exchange against the specs (default true). Only a server that is meant to break
   * the contract (a defect fixture, a fake upstream, a peer from npm) turns it off, saying why.
   */
  readonly wireContract?: boolean;
}

/** Listens on `host:0` and resolves once the port is bound. */
export async function startServer(
  handlerOrServer: RequestListener | Server,
  hostOrOptions: string | StartServerOptions = {},
): Promise<RunningServer> {
  const { host = "127.0.0.1", wireContract = true } = typeof hostOrOptions === "string" ? { host: hostOrOptions } : hostOrOptions;
  const server = typeof handlerOrServer === "function" ? createServer(handlerOrServer) : handlerOrServer;
  if (wireContract) recordWireContract(server);
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
