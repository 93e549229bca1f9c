/**
 * The browser test needs Debian's Chromium. On a fresh machine `npm test` must still pass, so when
 * Chromium is missing and we may use apt (root, Debian), install it; otherwise say how.
 */
import { spawnSync } from "node:child_process";
import { chromiumPath } from "../src/chromium-path.js";

if (chromiumPath()) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    "Chromium is not installed. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}
console.log("Chromium is missing; installing Debian's chromium package for the docs browser test...");
const apt = (args: string[]): number | null =>
  spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status;
if (apt(["update", "-qq"]) !== 0 || apt(["install", "-y", "-qq", "chromium"]) !== 0 || !chromiumPath()) {
  console.error("Installing chromium with apt-get failed; see the output above.");
  process.exit(1);
}
