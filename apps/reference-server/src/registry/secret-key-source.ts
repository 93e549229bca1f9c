/**
 * Where the registry's secret key comes from: `--secret-key`/`SECRET_KEY` when given; for an
 * in-memory database a fresh key (nothing outlives the process); otherwise a key file beside the
 * database (`<db>.key`), generated 0600 on first start. The file guards copies of the database
 * alone (backups, a stray `registry.db-wal`); keeping the key elsewhere (the flag, a secret store)
 * guards against a copy of the whole data directory too.
 */
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { parseSecretKey, SECRET_KEY_BYTES, SecretKeyError } from "./secret-box.js";

export interface SecretKeyOptions {
  /** The key to seal with (`--secret-key`). */
  readonly secretKey?: Uint8Array | undefined;
  /** A key the database may still be sealed with (`--previous-secret-key`): values are re-sealed. */
  readonly previousSecretKey?: Uint8Array | undefined;
}

export interface ResolvedKey {
  readonly key: Uint8Array;
  /** Undoes a key file this call created (when what follows fails, so no unused key is left behind). */
  readonly discard: () => void;
}

/** The key file that goes with a database file. */
export function keyFileOf(databasePath: string): string {
  return `${databasePath}.key`;
}

/**
 * The key to seal with. `sealedKeyIds` are the key ids found in the database: when values are
 * sealed, no key was given and the key file is gone, starting would lose them, so it is an error.
 */
export function resolveSecretKey(databasePath: string, options: SecretKeyOptions, sealedKeyIds: ReadonlySet<string>): ResolvedKey {
  const keep = { discard: () => {} };
  if (options.secretKey) return { key: options.secretKey, ...keep };
  if (databasePath === ":memory:") return { key: randomBytes(SECRET_KEY_BYTES), ...keep };
  const file = keyFileOf(databasePath);
  if (existsSync(file)) return { key: readKeyFile(file), ...keep };
  if (sealedKeyIds.size > 0 && !options.previousSecretKey) {
    throw new SecretKeyError(
      `the database holds secrets sealed with key ${[...sealedKeyIds].join(", ")}, but no key was given and the key file ${file} does not exist. ` +
        "Pass that key with --secret-key/SECRET_KEY, or put its key file back.",
    );
  }
  const key = randomBytes(SECRET_KEY_BYTES);
  // Written whole under a temporary name (0600: only this user reads it), then linked into place:
  // the link fails rather than overwrite a key file another process created meanwhile, and no
  // process ever reads a half-written key.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { key: readKeyFile(file), ...keep };
  } finally {
    rmSync(temporary, { force: true });
  }
  return { key, discard: () => rmSync(file, { force: true }) };
}

function readKeyFile(file: string): Buffer {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new SecretKeyError(`the key file ${file} may be read by other users (mode ${mode.toString(8)}): run chmod 600 ${file}.`);
  }
  const key = parseSecretKey(readFileSync(file, "utf8"));
  if (!key) {
    throw new SecretKeyError(
      `the key file ${file} does not hold a ${SECRET_KEY_BYTES}-byte key in base64 or hex. Put the right file back, or pass the key with --secret-key/SECRET_KEY.`,
    );
  }
  return key;
}
