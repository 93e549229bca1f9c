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
  /**
   * The per-wait bound for this peer when the matrix's 1.5 s is too short for how it works (not
   * for a defect): its column's name says so, e.g. "(…; --timeout 5000)".
   */
  readonly timeoutMs?: number;
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

/**
 * Node flags for a peer that cannot bind loopback or report port 0 by itself: the preload does both.
 * Given on the command line, not in NODE_OPTIONS: with NODE_OPTIONS and a cold tsx cache,
 * supergateway never starts (its express 4 require()s async-function's .mjs and the process hangs
 * silently, even for --help), and NODE_OPTIONS would reach the peer's own children too.
 */
const PRELOAD_FLAGS = ["--import", "tsx", "--import", PRELOAD] as const;

/** `env` without NODE_OPTIONS, so no flag of this process's reaches a peer or its children. */
function withoutNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _dropped, ...rest } = env;
  return rest;
}

function everythingMain(): string {
  return join(packageDir("@modelcontextprotocol/server-everything"), "dist/index.js");
}

/** server-everything over stdio, as a gateway's child (it never listens: no preload). */
function everythingStdio(): string[] {
  return [process.execPath, everythingMain(), "stdio"];
}

/** Spawns a Node peer whose listen() the preload pins to loopback; the SSE URL is base + ssePath. */
function startPreloaded(args: readonly string[], ssePath: string, extra: { env?: NodeJS.ProcessEnv; alsoWaitFor?: RegExp } = {}): Promise<RunningPeer> {
  return spawnPeer(process.execPath, [...PRELOAD_FLAGS, ...args], {
    cwd: CONFORMANCE_DIR,
    env: withoutNodeOptions({ ...process.env, ...extra.env }),
    readyPattern: LOOPBACK_READY,
    ...(extra.alsoWaitFor ? { alsoWaitFor: extra.alsoWaitFor } : {}),
    ssePath,
    timeoutMs: START_TIMEOUT_MS,
  });
}

/** The reference server in this process at `path` (the Spice SSE dialect: the column every other one is read against). */
export async function startReferenceServer(path: string = SPICE_PATH): Promise<RunningPeer> {
  const app = createApp({ config: { host: "127.0.0.1", port: 0 }, log: () => undefined });
  app.server.listen(0, "127.0.0.1");
  await once(app.server, "listening");
  const { port } = app.server.address() as AddressInfo;
  const stop = (): Promise<void> => app.close();
  return { sseUrl: new URL(`http://127.0.0.1:${port}${path}`), output: () => "", stop, [Symbol.asyncDispose]: stop };
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

/** The wait bound of peers that take a second or more to answer by design (see each one). */
const SLOW_PEER_TIMEOUT_MS = 5_000;

/** Streamable HTTP peers: each is checked at its MCP URL, its era detected as for any target. */
export const STREAMABLE_PEERS: readonly PeerSpec[] = [
  { name: "SDK v1 StreamableHTTP (stateful)", package: "@modelcontextprotocol/sdk", start: () => startScript("./sdk-streamable-server.ts", "stateful") },
  { name: "SDK v1 StreamableHTTP (stateless)", package: "@modelcontextprotocol/sdk", start: () => startScript("./sdk-streamable-server.ts", "stateless") },
  { name: "SDK v2 server (modern only)", package: "@modelcontextprotocol/server", start: () => startScript("./sdk-v2-server.ts", "modern-only") },
  { name: "SDK v2 server (dual-era)", package: "@modelcontextprotocol/server", start: () => startScript("./sdk-v2-server.ts", "dual-era") },
  { name: "fastmcp httpStream (stateless)", package: "fastmcp", start: () => startFastmcp("stateless") },
  // About 26 s a run: fastmcp's connect() polls for the client's capabilities (10 x 100 ms) before
  // the transport handles the initialize that carries them, so every initialize takes 1 s, and
  // the suite opens about 25 sessions (nothing of ours waits). 1 s of 1.5 s leaves too little
  // margin on a busy machine: this column waits up to 5 s.
  { name: "fastmcp httpStream (stateful; --timeout 5000)", package: "fastmcp", timeoutMs: SLOW_PEER_TIMEOUT_MS, start: () => startFastmcp("stateful") },
  { name: "mcp-handler", package: "mcp-handler", start: () => startScript("./mcp-handler-server.ts") },
  { name: "tmcp HttpTransport", package: "@tmcp/transport-http", start: () => startScript("./tmcp-server.ts") },
  { name: "mcp-proxy + everything (Streamable, stateful)", package: "mcp-proxy", start: () => startMcpProxy("/mcp") },
  { name: "mcp-proxy + everything (Streamable, stateless)", package: "mcp-proxy", start: () => startMcpProxy("/mcp", "--stateless") },
  // supergateway's Streamable modes spawn and initialize a stdio child per request (stateless) or
  // per session (stateful): up to a second or more before each answer, so these wait up to 5 s.
  {
    name: "supergateway + everything (Streamable, stateless; --timeout 5000)",
    package: "supergateway",
    timeoutMs: SLOW_PEER_TIMEOUT_MS,
    start: () => startSupergateway("/mcp", "--outputTransport", "streamableHttp"),
  },
  {
    name: "supergateway + everything (Streamable, stateful; --timeout 5000)",
    package: "supergateway",
    timeoutMs: SLOW_PEER_TIMEOUT_MS,
    start: () => startSupergateway("/mcp", "--outputTransport", "streamableHttp", "--stateful"),
  },
];

/** fastmcp does not print the port it bound: the loopback preload does, and the MCP URL is base + /mcp. */
function startFastmcp(mode: "stateless" | "stateful"): Promise<RunningPeer> {
  return startPreloaded([fileURLToPath(new URL("./fastmcp-server.ts", import.meta.url)), mode], "/mcp");
}

/** mcp-proxy wrapping server-everything over stdio; by default it serves /sse and /mcp (Streamable HTTP, stateful) at once. */
function startMcpProxy(path: string, ...flags: string[]): Promise<RunningPeer> {
  return startPreloaded([join(packageDir("mcp-proxy"), "dist/bin/mcp-proxy.mjs"), "--host", "127.0.0.1", "--port", "0", ...flags, "--", ...everythingStdio()], path);
}

/**
 * supergateway wrapping server-everything over stdio. It listens while its stdio child is still
 * loading; requests sent before the child is up are answered late (after --timeout). A deployed
 * gateway's child is long up, so the matrix waits for the child's start-up line (relayed on stderr)
 * too. In Streamable HTTP mode it starts a child per request (stateless) or per session
 * (stateful), none before the first request: nothing to wait for.
 */
function startSupergateway(path: string, ...flags: string[]): Promise<RunningPeer> {
  const args = [join(packageDir("supergateway"), "dist/index.js"), "--stdio", everythingStdio().map(shellQuote).join(" "), "--port", "0", ...flags];
  return startPreloaded(args, path, flags.includes("streamableHttp") ? {} : { alsoWaitFor: SUPERGATEWAY_CHILD_UP });
}

const SUPERGATEWAY_CHILD_UP = /^\[supergateway\] Child stderr: Starting default \(STDIO\) server/;

export const PEERS: readonly PeerSpec[] = [
  { name: "reference server (Spice)", package: "@mcp-contract/reference-server", start: () => startReferenceServer() },
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
    start: () => startSupergateway("/sse"),
  },
  { name: "mcp-proxy + everything", package: "mcp-proxy", start: () => startMcpProxy("/sse") },
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
