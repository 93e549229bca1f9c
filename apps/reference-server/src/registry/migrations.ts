/**
 * The registry's schema, as an ordered list of migrations. `PRAGMA user_version` records how many
 * have run, so a database written by an older build is upgraded in place and never re-created.
 */

/** One schema step. Steps are append-only: never edit one that has shipped, add the next. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: "servers and their discovered tools",
    // `seq` gives the creation order that list pagination (`after`) relies on; ids are random.
    // Secrets (auth_token, custom_headers, env) are TEXT sealed by secret-box.ts (builds before
    // that wrote them in clear; secret-sealing.ts seals such rows at start). They never leave
    // through the read models (see stored-server.ts).
    sql: `
      CREATE TABLE mcp_servers (
        seq               INTEGER PRIMARY KEY AUTOINCREMENT,
        id                TEXT NOT NULL UNIQUE,
        server_name       TEXT NOT NULL UNIQUE,
        mcp_server_type   TEXT NOT NULL CHECK (mcp_server_type IN ('sse', 'stdio', 'streamable_http')),
        server_url        TEXT,
        auth_header       TEXT,
        auth_token        TEXT,
        custom_headers    TEXT,
        command           TEXT,
        args              TEXT,
        env               TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        last_refreshed_at TEXT,
        CHECK ((mcp_server_type = 'stdio') = (command IS NOT NULL AND args IS NOT NULL)),
        CHECK ((mcp_server_type = 'stdio') = (server_url IS NULL))
      ) STRICT;

      CREATE TABLE mcp_tools (
        id            TEXT PRIMARY KEY,
        mcp_server_id TEXT NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
        name          TEXT NOT NULL,
        position      INTEGER NOT NULL,
        definition    TEXT NOT NULL CHECK (json_valid(definition)),
        UNIQUE (mcp_server_id, name)
      ) STRICT;

      CREATE INDEX mcp_tools_by_server ON mcp_tools (mcp_server_id, position);
    `,
  },
];
