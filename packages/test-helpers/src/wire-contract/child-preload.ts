/**
 * Loaded with `node --import` into a child process that spawnWithUrl starts (our reference server
 * run as a program), so the wire check covers servers in child processes too: every request of
 * every node:http server in the process is watched through the `http.server.request.start`
 * diagnostics channel, and each violation is appended as one JSON line to the file named by
 * MCP_CONTRACT_WIRE_LOG. spawnWithUrl reads that file when the child exits and hands the
 * violations to the test hook. Appends are synchronous so a violation is on disk before the
 * response that caused it reaches the test, whatever signal ends the child afterwards.
 */
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { observeExchange } from "./recorder.js";
import { WIRE_LOG_ENV } from "./store.js";

const log = process.env[WIRE_LOG_ENV];
// The child's own children (upstream servers a registry spawns, peers) are not ours to check.
delete process.env[WIRE_LOG_ENV];

interface RequestStart {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly server: Server;
}

if (log !== undefined) {
  subscribe("http.server.request.start", (message) => {
    const { request, response, server } = message as RequestStart;
    const address = server.address() as AddressInfo | null;
    const label = `child process ${process.pid}${address ? ` port ${address.port}` : ""}`;
    observeExchange(request, response, (violation) => appendFileSync(log, `${JSON.stringify({ server: label, ...violation })}\n`));
  });
}
