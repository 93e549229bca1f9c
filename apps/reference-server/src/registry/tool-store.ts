/**
 * The `mcp_tools` table. A refresh replaces a server's tools in one transaction, keeping the id of
 * every tool whose name survives, so ids stay stable across refreshes and a failed refresh changes
 * nothing.
 */
import { randomUUID } from "node:crypto";
import type { McpTool, RefreshResult } from "@mcp-contract/api-types";
import type { RegistryDatabase } from "./database.js";

/** The part of a tool the upstream owns: what `tools/list` said about it. */
export type ToolDefinition = Omit<McpTool, "id" | "mcp_server_id" | "exposed_name">;

/** A stored tool; `exposed_name` is derived from the server's current name when read. */
export interface StoredTool {
  readonly id: string;
  readonly mcp_server_id: string;
  readonly definition: ToolDefinition;
}

/** A stored tool together with the name of its server, for the session endpoints. */
export interface ServerTool extends StoredTool {
  readonly server_name: string;
}

/** What a refresh changed, by name, before the read model is built. */
export type ToolChanges = Pick<RefreshResult, "added" | "updated" | "removed"> & { readonly tools: StoredTool[] };

interface ToolRow {
  id: string;
  mcp_server_id: string;
  definition: string;
}

export class ToolStore {
  readonly #db: RegistryDatabase;

  constructor(db: RegistryDatabase) {
    this.#db = db;
  }

  /** The server's tools in the order the upstream listed them. */
  list(serverId: string): StoredTool[] {
    const rows = this.#db
      .prepare("SELECT id, mcp_server_id, definition FROM mcp_tools WHERE mcp_server_id = ? ORDER BY position")
      .all(serverId) as ToolRow[];
    return rows.map(fromRow);
  }

  /** The tool with this id, or else with this upstream name, on the server. */
  find(serverId: string, idOrName: string): StoredTool | undefined {
    const row = this.#db
      .prepare(
        `SELECT id, mcp_server_id, definition FROM mcp_tools
         WHERE mcp_server_id = ? AND (id = ? OR name = ?) ORDER BY id = ? DESC LIMIT 1`,
      )
      .get(serverId, idOrName, idOrName, idOrName) as ToolRow | undefined;
    return row && fromRow(row);
  }

  /** Every server's tools: servers in creation order, tools in upstream order. */
  all(): ServerTool[] {
    const rows = this.#db
      .prepare(
        `SELECT t.id, t.mcp_server_id, t.definition, s.server_name FROM mcp_tools t
         JOIN mcp_servers s ON s.id = t.mcp_server_id ORDER BY s.seq, t.position`,
      )
      .all() as (ToolRow & { server_name: string })[];
    return rows.map((row) => ({ ...fromRow(row), server_name: row.server_name }));
  }

  /**
   * Makes `definitions` the server's tools and stamps `last_refreshed_at`, in one transaction.
   * Returns undefined (writing nothing) when the server was deleted meanwhile.
   */
  replace(serverId: string, definitions: readonly ToolDefinition[], refreshedAt: string): ToolChanges | undefined {
    return this.#db.transaction((): ToolChanges | undefined => {
      const stamped = this.#db
        .prepare("UPDATE mcp_servers SET last_refreshed_at = ? WHERE id = ?")
        .run(refreshedAt, serverId);
      if (stamped.changes === 0) return undefined;
      const before = new Map(this.list(serverId).map((tool) => [tool.definition.name, tool]));
      const incoming = new Set(definitions.map((definition) => definition.name));
      const changes = { added: [] as string[], updated: [] as string[], removed: [] as string[] };
      const remove = this.#db.prepare("DELETE FROM mcp_tools WHERE id = ?");
      for (const [name, tool] of before) {
        if (incoming.has(name)) continue;
        remove.run(tool.id);
        changes.removed.push(name);
      }
      const upsert = this.#db.prepare(
        `INSERT INTO mcp_tools (id, mcp_server_id, name, position, definition) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, definition = excluded.definition`,
      );
      definitions.forEach((definition, position) => {
        const existing = before.get(definition.name);
        if (!existing) changes.added.push(definition.name);
        else if (canonicalJson(existing.definition) !== canonicalJson(definition)) changes.updated.push(definition.name);
        // Stored as listed: property order in a schema is shown to users and models, so keep it.
        const text = JSON.stringify(definition);
        upsert.run(existing?.id ?? `mcp_tool-${randomUUID()}`, serverId, definition.name, position, text);
      });
      return { ...changes, tools: this.list(serverId) };
    })();
  }
}

/** The read model of a stored tool under its server's current name. */
export function toMcpTool(tool: StoredTool, serverName: string): McpTool {
  const { name, ...rest } = tool.definition;
  return { id: tool.id, mcp_server_id: tool.mcp_server_id, name, exposed_name: exposedName(serverName, name), ...rest };
}

/** `<server_name>__<name>`: the tool's name on the session endpoints. */
export function exposedName(serverName: string, toolName: string): string {
  return `${serverName}__${toolName}`;
}

function fromRow(row: ToolRow): StoredTool {
  return { id: row.id, mcp_server_id: row.mcp_server_id, definition: JSON.parse(row.definition) as ToolDefinition };
}

/** JSON with object keys sorted, so a definition that only changed key order is not "updated". */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
