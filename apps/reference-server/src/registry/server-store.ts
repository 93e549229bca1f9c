/**
 * The `mcp_servers` table: each write is one transaction, and a name clash is reported with the
 * other server's id (the 409 names it) instead of surfacing as a constraint error. Secret columns
 * are sealed by the SecretBox on the way in and opened on the way out: the database never holds
 * them in clear.
 */
import type { RegistryDatabase } from "./database.js";
import type { SecretBox } from "./secret-box.js";
import { type SecretColumn, secretContext } from "./secret-sealing.js";
import type { StoredServer } from "./stored-server.js";

interface ServerRow {
  id: string;
  server_name: string;
  mcp_server_type: StoredServer["mcp_server_type"];
  server_url: string | null;
  auth_header: string | null;
  auth_token: string | null;
  custom_headers: string | null;
  command: string | null;
  args: string | null;
  env: string | null;
  created_at: string;
  updated_at: string;
  last_refreshed_at: string | null;
}

/** The outcome of a write that may clash with another server's `server_name`. */
export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly conflictId: string };

/** A page of servers, or `afterNotFound` when `after` names no server. */
export type ServerPage = { readonly servers: StoredServer[] } | { readonly afterNotFound: true };

export class ServerStore {
  readonly #db: RegistryDatabase;
  readonly #box: SecretBox;

  /** `box` must be the one openSecretBox checked this database against. */
  constructor(db: RegistryDatabase, box: SecretBox) {
    this.#db = db;
    this.#box = box;
  }

  get(id: string): StoredServer | undefined {
    const row = this.#db.prepare("SELECT * FROM mcp_servers WHERE id = ?").get(id) as ServerRow | undefined;
    return row && this.#fromRow(row);
  }

  /** Every server in creation order. */
  all(): StoredServer[] {
    const rows = this.#db.prepare("SELECT * FROM mcp_servers ORDER BY seq").all() as ServerRow[];
    return rows.map((row) => this.#fromRow(row));
  }

  /** Up to `limit` servers created after the server `after` (from the first when absent). */
  page(limit: number, after?: string): ServerPage {
    let seq = 0;
    if (after !== undefined) {
      const found = this.#db.prepare("SELECT seq FROM mcp_servers WHERE id = ?").get(after) as
        | { seq: number }
        | undefined;
      if (!found) return { afterNotFound: true };
      seq = found.seq;
    }
    const rows = this.#db
      .prepare("SELECT * FROM mcp_servers WHERE seq > ? ORDER BY seq LIMIT ?")
      .all(seq, limit) as ServerRow[];
    return { servers: rows.map((row) => this.#fromRow(row)) };
  }

  insert(server: StoredServer): WriteResult {
    return this.#db.transaction((): WriteResult => {
      const clash = this.#nameOwner(server.server_name, server.id);
      if (clash) return { ok: false, conflictId: clash };
      this.#db
        .prepare(
          `INSERT INTO mcp_servers (id, server_name, mcp_server_type, server_url, auth_header, auth_token,
             custom_headers, command, args, env, created_at, updated_at, last_refreshed_at)
           VALUES (@id, @server_name, @mcp_server_type, @server_url, @auth_header, @auth_token,
             @custom_headers, @command, @args, @env, @created_at, @updated_at, @last_refreshed_at)`,
        )
        .run(this.#toRow(server));
      return { ok: true };
    })();
  }

  /** Replaces every field of the server with `id`; the type and creation time never change. */
  update(server: StoredServer): WriteResult {
    return this.#db.transaction((): WriteResult => {
      const clash = this.#nameOwner(server.server_name, server.id);
      if (clash) return { ok: false, conflictId: clash };
      this.#db
        .prepare(
          `UPDATE mcp_servers SET server_name = @server_name, server_url = @server_url,
             auth_header = @auth_header, auth_token = @auth_token, custom_headers = @custom_headers,
             command = @command, args = @args, env = @env, updated_at = @updated_at
           WHERE id = @id`,
        )
        .run(this.#toRow(server));
      return { ok: true };
    })();
  }

  /** Deletes the server and (by cascade) its tools; false when there was none. */
  delete(id: string): boolean {
    return this.#db.prepare("DELETE FROM mcp_servers WHERE id = ?").run(id).changes > 0;
  }

  #toRow(server: StoredServer): ServerRow {
    const row = toRow(server);
    const seal = (column: SecretColumn): string | null => {
      const clear = row[column];
      return clear === null ? null : this.#box.seal(clear, secretContext(row.id, column));
    };
    return { ...row, auth_token: seal("auth_token"), custom_headers: seal("custom_headers"), env: seal("env") };
  }

  #fromRow(row: ServerRow): StoredServer {
    const open = (column: SecretColumn): string | null => {
      const sealed = row[column];
      return sealed === null ? null : this.#box.open(sealed, secretContext(row.id, column));
    };
    return fromRow({ ...row, auth_token: open("auth_token"), custom_headers: open("custom_headers"), env: open("env") });
  }

  #nameOwner(name: string, exceptId: string): string | undefined {
    const row = this.#db
      .prepare("SELECT id FROM mcp_servers WHERE server_name = ? AND id <> ?")
      .get(name, exceptId) as { id: string } | undefined;
    return row?.id;
  }
}

function toRow(server: StoredServer): ServerRow {
  const stdio = server.mcp_server_type === "stdio" ? server : undefined;
  const remote = server.mcp_server_type === "stdio" ? undefined : server;
  return {
    id: server.id,
    server_name: server.server_name,
    mcp_server_type: server.mcp_server_type,
    server_url: remote?.server_url ?? null,
    auth_header: remote?.auth_header ?? null,
    auth_token: remote?.auth_token ?? null,
    custom_headers: json(remote?.custom_headers),
    command: stdio?.command ?? null,
    args: stdio ? JSON.stringify(stdio.args) : null,
    env: json(stdio?.env),
    created_at: server.created_at,
    updated_at: server.updated_at,
    last_refreshed_at: server.last_refreshed_at,
  };
}

function fromRow(row: ServerRow): StoredServer {
  const meta = {
    id: row.id,
    server_name: row.server_name,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_refreshed_at: row.last_refreshed_at,
  };
  if (row.mcp_server_type === "stdio") {
    return {
      ...meta,
      mcp_server_type: "stdio",
      command: row.command ?? "",
      args: JSON.parse(row.args ?? "[]") as string[],
      ...optional("env", row.env),
    };
  }
  return {
    ...meta,
    mcp_server_type: row.mcp_server_type,
    server_url: row.server_url ?? "",
    ...(row.auth_header === null ? {} : { auth_header: row.auth_header }),
    ...(row.auth_token === null ? {} : { auth_token: row.auth_token }),
    ...optional("custom_headers", row.custom_headers),
  };
}

function json(map: Readonly<Record<string, string>> | undefined): string | null {
  return map === undefined ? null : JSON.stringify(map);
}

function optional<K extends string>(key: K, text: string | null): { [P in K]?: Record<string, string> } {
  return text === null ? {} : ({ [key]: JSON.parse(text) as Record<string, string> } as { [P in K]: Record<string, string> });
}
