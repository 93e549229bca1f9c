import path from "node:path";
import { fileURLToPath } from "node:url";

/** `--root <dir>` (used by tests on a copy of the tree), else the repository this package is in. */
export function repositoryRoot(argv: readonly string[]): string {
  const flag = argv.indexOf("--root");
  const given = flag >= 0 ? argv[flag + 1] : undefined;
  if (flag >= 0 && !given) throw new Error("--root needs a directory");
  return given ? path.resolve(given) : path.resolve(fileURLToPath(import.meta.url), "../../../..");
}
