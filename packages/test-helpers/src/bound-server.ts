/**
 * For a framework that listens on port 0 but does not say which port it got (fastmcp): runs
 * `start` and returns the node:http Server that began listening meanwhile, so a test can read
 * its address. Only the first server to listen counts; `listen` is restored whatever happens.
 */
import { Server } from "node:http";

export async function boundServer(start: () => Promise<void>): Promise<Server> {
  const original = Server.prototype.listen;
  let bound: Server | undefined;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    bound ??= this;
    return (original as (...a: unknown[]) => Server).apply(this, args);
  } as typeof original;
  try {
    await start();
  } finally {
    Server.prototype.listen = original;
  }
  if (!bound?.listening) throw new Error("started without an http.Server listening");
  return bound;
}
