/**
 * The peers of the compatibility matrix: the reference server first, then published MCP servers
 * from node_modules (HTTP+SSE, then Streamable HTTP), each started on 127.0.0.1 with an OS-chosen
 * port. The matrix script
 * and the peer tests start them through this one list, so both check the same thing.
 */
import { readFileSync, existsSync } from "node:fs";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp, SPICE_PATH } from "@mcp-contract/reference-server";
import { LOOPBACK_READY } from "./loopback-ready.js";
import { spawnPeer, type RunningPeer } from "./spawn-peer.js";

/** One column of the matrix. */
export interface PeerSpec {
  /** Column title; stable, since tests look peers up by it. */
  readonly name: string;
  /** The npm package whose installed version the column reports. */
  readonly package: string;
  start(): Promise<RunningPeer>;
}

/** The conformance workspace (where `node --import tsx` resolves from). */
export const CONFORMANCE_DIR = fileURLToPath(new URL("../../", import.meta.url));
const PRELOAD = pathToFileURL(fileURLToPath(new URL("./loopback-listen.ts", import.meta.url))).href;
/** A bound on a peer's start-up: a stdio wrapper spawns and initializes its child first. */
const START_TIMEOUT_MS = 20_000;

/** The directory of an installed package, found the way Node does: node_modules upwards from here. */
export function packageDir(name: string): string {
  for (let dir = CONFORMANCE_DIR; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (no node_modules/${name} above ${CONFORMANCE_DIR}); run npm install`);
  }
}

/** The installed version, from the package's own package.json. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
}

/** Environment for a peer that cannot bind loopback or report port 0 by itself: the preload does both. */
function loopbackEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra, NODE_OPTIONS: `--import tsx --import ${PRELOAD}` };
}

function everythingMain(): string {
  return join(packageDir("@modelcontextprotocol/server-everything"), "dist/index.js");
}

/**
 * server-everything over stdio, as a gateway's child. NODE_OPTIONS is dropped for it: the child
 * never listens, so the preload (and tsx) would only slow its start.
 */
function everythingStdio(): string[] {
  return ["env", "-u", "NODE_OPTIONS", process.execPath, everythingMain(), "stdio"];
}

/** Spawns a Node peer whose listen() the preload pins to loopback; the SSE URL is base + ssePath. */
function startPreloaded(args: readonly string[], ssePath: string, extra: { env?: NodeJS.ProcessEnv; alsoWaitFor?: RegExp } = {}): Promise<RunningPeer> {
  return spawnPeer(process.execPath, args, {
    cwd: CONFORMANCE_DIR,
    env: loopbackEnv(extra.env),
    readyPattern: LOOPBACK_READY,
    ...(extra.alsoWaitFor ? { alsoWaitFor: extra.alsoWaitFor } : {}),
    ssePath,
    timeoutMs: START_TIMEOUT_MS,
  });
}

/** The reference server in this process (Spice dialect), as the column every other one is read against. */
async function startReferenceServer(): Promise<RunningPeer> {
  const app = createApp({ config: { host: "127.0.0.1", port: 0 }, log: () => undefined });
  app.server.listen(0, "127.0.0.1");
  await once(app.server, "listening");
  const { port } = app.server.address() as AddressInfo;
  const stop = (): Promise<void> => app.close();
  return { sseUrl: new URL(`http://127.0.0.1:${port}${SPICE_PATH}`), output: () => "", stop, [Symbol.asyncDispose]: stop };
}

/** A Node child script of this folder that prints `LISTENING <its MCP URL>` once bound. */
function startScript(script: string, ...args: string[]): Promise<RunningPeer> {
  return spawnPeer(process.execPath, ["--import", "tsx", fileURLToPath(new URL(script, import.meta.url)), ...args], {
    cwd: CONFORMANCE_DIR,
    env: process.env,
    readyPattern: /^LISTENING (http:\/\/127\.0\.0\.1:\d+\/mcp)$/,
    ssePath: "",
    timeoutMs: START_TIMEOUT_MS,
  });
}

/** Streamable HTTP peers: each is checked at its MCP URL, its era detected as for any target. */
const STREAMABLE_PEERS: readonly PeerSpec[] = [
  { name: "SDK v1 StreamableHTTP (stateful)", package: "@modelcontextprotocol/sdk", start: () => startScript("./sdk-streamable-server.ts", "stateful") },
  { name: "SDK v1 StreamableHTTP (stateless)", package: "@modelcontextprotocol/sdk", start: () => startScript("./sdk-streamable-server.ts", "stateless") },
  { name: "SDK v2 server (modern only)", package: "@modelcontextprotocol/server", start: () => startScript("./sdk-v2-server.ts", "modern-only") },
  { name: "SDK v2 server (dual-era)", package: "@modelcontextprotocol/server", start: () => startScript("./sdk-v2-server.ts", "dual-era") },
  { name: "fastmcp httpStream (stateless)", package: "fastmcp", start: () => startFastmcp("stateless") },
];

/** fastmcp does not print the port it bound: the loopback preload does, and the MCP URL is base + /mcp. */
function startFastmcp(mode: "stateless"): Promise<RunningPeer> {
  return startPreloaded([fileURLToPath(new URL("./fastmcp-server.ts", import.meta.url)), mode], "/mcp");
}

export const PEERS: readonly PeerSpec[] = [
  { name: "reference server (Spice)", package: "@mcp-contract/reference-server", start: startReferenceServer },
  {
    name: "SDK SSEServerTransport",
    package: "@modelcontextprotocol/sdk",
    start: () =>
      spawnPeer(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./sdk-sse-server.ts", import.meta.url))], {
        cwd: CONFORMANCE_DIR,
        env: { ...process.env, PORT: "0" },
        readyPattern: /^LISTENING (http:\/\/127\.0\.0\.1:\d+\/sse)$/,
        ssePath: "",
        timeoutMs: START_TIMEOUT_MS,
      }),
  },
  {
    name: "server-everything (sse)",
    package: "@modelcontextprotocol/server-everything",
    start: () => startPreloaded([everythingMain(), "sse"], "/sse", { env: { PORT: "0" } }),
  },
  {
    name: "supergateway + everything",
    package: "supergateway",
    // supergateway listens while its stdio child is still loading; requests sent before the child
    // is up are answered late (after --timeout). A deployed gateway's child is long up, so the
    // matrix waits for the child's start-up line (relayed on stderr) too.
    start: () =>
      startPreloaded([join(packageDir("supergateway"), "dist/index.js"), "--stdio", everythingStdio().map(shellQuote).join(" "), "--port", "0"], "/sse", {
        alsoWaitFor: /^\[supergateway\] Child stderr: Starting default \(STDIO\) server/,
      }),
  },
  {
    name: "mcp-proxy + everything",
    package: "mcp-proxy",
    start: () =>
      startPreloaded([join(packageDir("mcp-proxy"), "dist/bin/mcp-proxy.mjs"), "--host", "127.0.0.1", "--port", "0", "--", ...everythingStdio()], "/sse"),
  },
  ...STREAMABLE_PEERS,
];

/** One word for `sh -c` (supergateway runs its --stdio string through a shell). */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The peer called `name`; throws with the known names otherwise. */
export function peerNamed(name: string): PeerSpec {
  const peer = PEERS.find((candidate) => candidate.name === name);
  if (!peer) throw new Error(`no peer "${name}": known peers are ${PEERS.map((p) => p.name).join(", ")}`);
  return peer;
}
