/**
 * Brings every stored secret under the current key at start, in one transaction: clear values
 * written by builds before encryption are sealed (the migration), values under the previous key
 * are re-sealed (a rotation), and values under the current key are opened once, so a wrong key or
 * an altered row stops the start with a SecretKeyError instead of failing a request later.
 * After a change, VACUUM and a truncating checkpoint drop the clear or old bytes from the file,
 * its free pages and the WAL.
 */
import type { RegistryDatabase } from "./database.js";
import { isSealed, SecretBox, sealedKeyId } from "./secret-box.js";
import { resolveSecretKey, type SecretKeyOptions } from "./secret-key-source.js";

/** The `mcp_servers` columns that hold secrets (JSON maps for headers and env: keys and values sealed together). */
export const SECRET_COLUMNS = ["auth_token", "custom_headers", "env"] as const;
export type SecretColumn = (typeof SECRET_COLUMNS)[number];

/** The associated data of a sealed value: it belongs to this server's column and nowhere else. */
export function secretContext(serverId: string, column: SecretColumn): string {
  return `mcp_servers/${serverId}/${column}`;
}

type SecretRow = { id: string } & Record<SecretColumn, string | null>;

/** The key, resolved and checked against the database, with every secret sealed under it. */
export function openSecretBox(db: RegistryDatabase, databasePath: string, options: SecretKeyOptions): SecretBox {
  // IMMEDIATE: a second process starting on the same file waits, then sees the rows this one sealed.
  const { box, rewritten } = db.transaction(() => sealUnderKey(db, databasePath, options)).immediate();
  if (rewritten > 0 && databasePath !== ":memory:") {
    db.exec("VACUUM");
    db.pragma("wal_checkpoint(TRUNCATE)");
  }
  return box;
}

function sealUnderKey(db: RegistryDatabase, databasePath: string, options: SecretKeyOptions): { box: SecretBox; rewritten: number } {
  const rows = db.prepare(`SELECT id, ${SECRET_COLUMNS.join(", ")} FROM mcp_servers`).all() as SecretRow[];
  const sealedIds = new Set<string>();
  for (const row of rows) {
    for (const column of SECRET_COLUMNS) {
      const id = row[column] === null ? undefined : sealedKeyId(row[column]);
      if (id) sealedIds.add(id);
    }
  }
  const resolved = resolveSecretKey(databasePath, options, sealedIds);
  try {
    const box = new SecretBox(resolved.key, options.previousSecretKey);
    return { box, rewritten: sealRows(db, box, rows) };
  } catch (error) {
    resolved.discard();
    throw error;
  }
}

/** Seals or re-seals what needs it; returns how many values were rewritten. */
function sealRows(db: RegistryDatabase, box: SecretBox, rows: readonly SecretRow[]): number {
  let rewritten = 0;
  for (const row of rows) {
    for (const column of SECRET_COLUMNS) {
      const stored = row[column];
      if (stored === null) continue;
      const context = secretContext(row.id, column);
      const clear = isSealed(stored) ? box.open(stored, context) : stored;
      if (isSealed(stored) && box.isCurrent(stored)) continue;
      db.prepare(`UPDATE mcp_servers SET ${column} = ? WHERE id = ?`).run(box.seal(clear, context), row.id);
      rewritten += 1;
    }
  }
  return rewritten;
}
