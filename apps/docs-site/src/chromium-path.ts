import { existsSync } from "node:fs";

/** Where Chromium is: CHROMIUM_PATH, or Debian's /usr/bin/chromium; undefined when absent. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}
