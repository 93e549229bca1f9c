/**
 * `npm run bench:sessions`: resident memory per idle legacy Streamable HTTP session, the reference
 * server's Spice `/v1/mcp` against the SDK v1 StreamableHTTPServerTransport, each in a fresh
 * process. Prints a Markdown table with the target.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnWithUrl } from "@mcp-contract/test-helpers";
import { kibPerLegacySession } from "./legacy-session-memory.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const COUNT = Number(process.env["BENCH_IDLE_SESSIONS"] ?? 2_000);
const NODE_FLAGS = ["--expose-gc", "--import", "tsx", "--import", path.join(here, "gc-on-signal.ts")];

const contenders = [
  {
    name: "reference server (/v1/mcp)",
    args: [...NODE_FLAGS, path.join(here, "../src/main.ts"), "--port", "0", "--db", ":memory:", "--max-sessions", String(COUNT * 2)],
    url: (printed: string) => `${new URL(printed).origin}/v1/mcp`,
  },
  { name: "SDK v1 StreamableHTTPServerTransport", args: [...NODE_FLAGS, path.join(here, "sdk-streamable-server.ts")], url: (printed: string) => printed },
];

const rows = ["| server | RSS per idle session | target |", "|---|---|---|"];
for (const contender of contenders) {
  const server = await spawnWithUrl(process.execPath, contender.args, { readyPattern: /(http:\/\/127\.0\.0\.1:\d+\S*)/, env: { ...process.env, PORT: "0" } });
  try {
    const kib = await kibPerLegacySession(contender.url(server.url), server.child, COUNT);
    rows.push(`| ${contender.name} | ${kib.toFixed(1)} KiB | ≤ 40 KiB ${kib <= 40 ? "met" : "**missed**"} |`);
  } finally {
    await server.stop();
  }
}
console.log(`${COUNT} idle sessions (initialized, no stream, no socket) per server; node ${process.version}, ${os.cpus().length} cores.\n`);
console.log(rows.join("\n"));
