/**
 * Preloaded into each benchmarked server (with --expose-gc): SIGUSR2 runs a full GC and prints
 * `gc-done`, so memory is read at the same point for every server, not whenever V8 chose to collect.
 */
process.on("SIGUSR2", () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write("gc-done\n");
});
