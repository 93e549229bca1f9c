/**
 * Opens the registry's SQLite database: WAL so readers never block the writer, synchronous=FULL so
 * a committed write survives a crash or power loss, foreign keys on, and the schema migrated.
 */
import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrations, type Migration } from "./migrations.js";

export type RegistryDatabase = Database.Database;

/** Opens (creating it and its parent directories when missing) and migrates the database. */
export function openDatabase(path: string, steps: readonly Migration[] = migrations): RegistryDatabase {
  const inMemory = path === ":memory:";
  // 0o700: the file holds upstream credentials, so only the server's own user may read it.
  if (!inMemory) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  try {
    if (!inMemory) chmodSync(path, 0o600);
    db.pragma("journal_mode = WAL");
    // FULL rather than NORMAL: NORMAL in WAL mode may lose the last commits on power loss, and
    // the registry writes rarely enough that the extra fsync costs nothing noticeable.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // Deleted and overwritten rows are zeroed, not left in free space: an old (sealed or, before
    // encryption, clear) secret does not linger in the file after an update, delete or rotation.
    db.pragma("secure_delete = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db, steps);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs the steps past `user_version`, each with its version bump in one transaction. */
export function migrate(db: RegistryDatabase, steps: readonly Migration[]): void {
  // IMMEDIATE, version read inside: two processes starting on a new file at once would otherwise
  // both read version 0 and the second fail on "table already exists".
  db.transaction(() => migrateLocked(db, steps)).immediate();
}

function migrateLocked(db: RegistryDatabase, steps: readonly Migration[]): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The registry database is at schema version ${current}, newer than this build knows (${latest}). ` +
        "Run a newer reference server, or point --db at another file.",
    );
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    // A nested transaction is a savepoint: each step with its version bump commits or fails whole.
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}
