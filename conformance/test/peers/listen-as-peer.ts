/**
 * The tail every peer script of this folder shares: listen on 127.0.0.1, port 0, print
 * `LISTENING <url>` (what startScript in peers.ts waits for), and on SIGTERM or SIGINT close every
 * connection and exit. `onlyPath`, when given, answers 404 to any other path, for handlers that
 * never look at the path themselves (the framework's route would).
 */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";

export function listenAsPeer(listener: RequestListener, { path, onlyPath = false, onStop }: { path: string; onlyPath?: boolean; onStop?: () => void }): void {
  const server = createServer((req, res) => {
    if (onlyPath && new URL(req.url ?? "/", "http://x").pathname !== path) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    void listener(req, res);
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}${path}\n`);
  });
  const stop = (): void => {
    onStop?.();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
