#!/usr/bin/env node
/**
 * The `mcp-contract` bin. It is a committed file, not a build output, so npm links it at install
 * time and no rebuild can drop its executable bit. An installed package always has dist/ (prepack
 * builds it) and runs that. A checkout that has not been built yet runs the TypeScript sources
 * instead: a child Node loads them through tsx, with the `source` export condition so the workspace
 * packages it imports resolve to their sources too.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/cli.js", import.meta.url);
const source = new URL("../src/cli.ts", import.meta.url);

if (existsSync(fileURLToPath(built)) || !existsSync(fileURLToPath(source))) {
  await import(built.href);
} else {
  const child = spawn(
    process.execPath,
    // tsx is resolved from here, not from the caller's working directory.
    ["--conditions=source", "--import", import.meta.resolve("tsx"), fileURLToPath(source), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  // The child gets the terminal's signals itself; the launcher only passes its exit on.
  const ignore = () => {};
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, ignore);
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeListener(signal, ignore);
      process.kill(process.pid, signal);
    } else process.exitCode = code ?? 1;
  });
}
