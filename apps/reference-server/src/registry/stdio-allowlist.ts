/**
 * Which stdio commands the registry may spawn. Registering a stdio server runs a program on the
 * gateway's host, so nothing runs unless the operator named it (`--allow-stdio` / `STDIO_ALLOWLIST`).
 */
import { basename } from "node:path";
import { ApiHttpError } from "./api-error.js";

export class StdioAllowlist {
  readonly #names: ReadonlySet<string>;
  readonly #paths: ReadonlySet<string>;

  /**
   * `entries` are command names (`node`, `npx`), which match a command by its basename, or
   * absolute paths, which match only that exact command.
   */
  constructor(entries: readonly string[]) {
    const cleaned = entries.map((entry) => entry.trim()).filter((entry) => entry !== "");
    this.#names = new Set(cleaned.filter((entry) => !entry.includes("/")));
    this.#paths = new Set(cleaned.filter((entry) => entry.includes("/")));
  }

  allows(command: string): boolean {
    return this.#paths.has(command) || this.#names.has(basename(command));
  }

  /** Throws the 403 that tells the operator how to allow the command. */
  check(command: string): void {
    if (this.allows(command)) return;
    const name = basename(command);
    throw new ApiHttpError(
      403,
      "forbidden",
      `stdio command '${name}' is not allowed. Start the server with --allow-stdio ${name} ` +
        `(or STDIO_ALLOWLIST=${name}) to allow it.`,
    );
  }
}
