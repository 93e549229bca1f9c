/**
 * Preload for peers that cannot be told to bind loopback or to print the port they got:
 * `node --import tsx --import <this file> <peer> …`. It forces every TCP `listen()`
 * onto 127.0.0.1 (server-everything and supergateway have no host option and bind every
 * interface), and once bound prints `[loopback-listen] pid=<pid> http://127.0.0.1:<port>` to
 * stderr (matched by LOOPBACK_READY in loopback-ready.ts), because none of the peers prints the
 * real port when given port 0. Pipe paths and handles pass through untouched.
 * Adapted from the probe used to measure the peers; nothing here is specific to one of them.
 */
import net from "node:net";

const HOST = "127.0.0.1";
type Listen = (this: net.Server, ...args: unknown[]) => net.Server;
const original = net.Server.prototype.listen as Listen;
const isPort = (value: unknown): boolean => typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value));

/** Rewrites listen()'s arguments to carry the loopback host; false when it is not a TCP listen. */
function forceLoopback(args: unknown[]): boolean {
  const [first, second] = args;
  if (first !== null && typeof first === "object" && !("_handle" in first) && !("fd" in first)) {
    if ("path" in first && first.path !== undefined) return false;
    args[0] = { ...first, host: HOST };
    return true;
  }
  if (isPort(first)) {
    // listen(port, host?, backlog?, cb?) or listen(port, backlog?, cb?) / listen(port, cb)
    if (typeof second === "string" || second === undefined || second === null) {
      if (args.length >= 2) args[1] = HOST;
      else args.push(HOST);
    } else {
      args.splice(1, 0, HOST);
    }
    return true;
  }
  if (first === undefined || typeof first === "function") {
    args.unshift(0, HOST);
    return true;
  }
  return false;
}

(net.Server.prototype as { listen: Listen }).listen = function (this: net.Server, ...args: unknown[]): net.Server {
  if (forceLoopback(args)) {
    this.once("listening", () => {
      const address = this.address();
      if (address && typeof address === "object") process.stderr.write(`[loopback-listen] pid=${process.pid} http://${address.address}:${address.port}\n`);
    });
  }
  return original.apply(this, args);
};
