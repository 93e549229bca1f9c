/**
 * The registry's operations, independent of HTTP: create, update, delete, refresh and run, with
 * the rules of the contract (unique names, the stdio allowlist, secrets in, redacted models out).
 * The routes and the session tool source both go through here.
 */
import { randomUUID } from "node:crypto";
import {
  validateAgainst,
  type CallToolResult,
  type McpServer,
  type McpTool,
  type RefreshResult,
  type ToolRunResult,
} from "@mcp-contract/api-types";
import { HttpError } from "../errors.js";
import { serverNotFound, validationFailed } from "./registry-errors.js";
import type { ArgumentValidator } from "./argument-validator.js";
import type { RegistryLogger } from "./logger.js";
import { funcReturnOf } from "./func-return.js";
import { normalized, toDefinitions } from "./request-shapes.js";
import { isLettaForm, validateCreate, validateUpdate } from "./request-validation.js";
import type { ServerStore } from "./server-store.js";
import type { StdioAllowlist } from "./stdio-allowlist.js";
import { toMcpServer, type StoredServer } from "./stored-server.js";
import { toMcpTool, type StoredTool, type ToolStore } from "./tool-store.js";
import { UpstreamFailure } from "./upstream-failure.js";
import type { UpstreamHostPolicy } from "./upstream-host-policy.js";
import type { UpstreamCallOptions, UpstreamPool } from "./upstream-pool.js";
import type { ToolListChanges } from "../tools/tool-list-changes.js";

export interface RegistryServiceParts {
  readonly servers: ServerStore;
  readonly tools: ToolStore;
  readonly upstreams: UpstreamPool;
  readonly allowlist: StdioAllowlist;
  /** Which hosts upstreams may be reached at (judged here at registration, and at every connect). */
  readonly hosts: UpstreamHostPolicy;
  readonly validator: ArgumentValidator;
  readonly logger: RegistryLogger;
  /** Announced after every write that can change the tools sessions see (list-changed notifications). */
  readonly toolListChanges: ToolListChanges;
}

export class RegistryService {
  readonly #parts: RegistryServiceParts;

  constructor(parts: RegistryServiceParts) {
    this.#parts = parts;
  }

  async create(body: unknown): Promise<McpServer> {
    const request = validateCreate(body);
    if (request.mcp_server_type === "stdio") this.#parts.allowlist.check(request.command, request.args ?? [], request.env);
    else await this.#checkHost(request.server_url, isLettaForm(body) ? "/config/server_url" : "/server_url");
    const now = new Date().toISOString();
    const server: StoredServer = {
      ...normalized(request),
      id: `mcp_server-${randomUUID()}`,
      created_at: now,
      updated_at: now,
      last_refreshed_at: null,
    };
    this.#write(this.#parts.servers.insert(server), server.server_name);
    this.#parts.logger.info(`Registered ${server.mcp_server_type} MCP server '${server.server_name}' (${server.id}).`);
    return toMcpServer(server);
  }

  list(limit: number, after: string | undefined): McpServer[] {
    const page = this.#parts.servers.page(limit, after);
    if ("afterNotFound" in page) {
      throw new HttpError(404, "not_found", `No MCP server has id '${after}' (the 'after' parameter).`);
    }
    return page.servers.map(toMcpServer);
  }

  get(id: string): McpServer {
    return toMcpServer(this.server(id));
  }

  /** Applies a PATCH: listed fields replace the stored ones, `null` clears an optional one. */
  async update(id: string, body: unknown): Promise<McpServer> {
    const current = this.server(id);
    const patch = validateUpdate(body, current.mcp_server_type);
    const next: Record<string, unknown> = { ...current, updated_at: new Date().toISOString() };
    for (const [field, value] of Object.entries(patch)) {
      if (field === "mcp_server_type") continue;
      if (value === null) delete next[field];
      else next[field] = value;
    }
    dropCredentialsOnRetarget(current, next, patch);
    const server = next as StoredServer;
    // Command, args and env are judged together: a PATCH of any one of them could change what runs.
    if (server.mcp_server_type === "stdio") this.#parts.allowlist.check(server.command, server.args, server.env);
    else if ("server_url" in patch) await this.#checkHost(server.server_url, "/server_url");
    this.#write(this.#parts.servers.update(server), server.server_name);
    await this.#parts.upstreams.drop(id);
    this.#parts.logger.info(`Updated MCP server '${server.server_name}' (${id}).`);
    // A rename changes every exposed tool name; a re-pointed server will list other tools.
    this.#parts.toolListChanges.announce();
    return toMcpServer(server);
  }

  async delete(id: string): Promise<void> {
    const server = this.server(id);
    if (!this.#parts.servers.delete(id)) throw serverNotFound(id);
    await this.#parts.upstreams.drop(id);
    this.#parts.logger.info(`Deleted MCP server '${server.server_name}' (${id}).`);
    this.#parts.toolListChanges.announce();
  }

  /** Lists the upstream's tools and stores them; on any failure the stored tools stay as they were. */
  async refresh(id: string): Promise<RefreshResult> {
    const server = this.server(id);
    this.#checkRunnable(server);
    const listed = await this.#parts.upstreams.listTools(server);
    const definitions = toDefinitions(server, listed);
    const changes = this.#parts.tools.replace(id, definitions, new Date().toISOString());
    if (!changes) throw serverNotFound(id);
    const { added, updated, removed } = changes;
    if (added.length + updated.length + removed.length > 0) this.#parts.toolListChanges.announce();
    this.#parts.logger.info(
      `Refreshed the tools of '${server.server_name}': ${added.length} added, ${updated.length} updated, ${removed.length} removed.`,
    );
    const name = this.server(id).server_name;
    // `deleted` is Letta's name for `removed`: both, so clients of either read what they expect.
    const tools = changes.tools.map((tool) => toMcpTool(tool, name));
    return { mcp_server_id: id, added, updated, removed, deleted: removed, tools };
  }

  listTools(id: string): McpTool[] {
    const server = this.server(id);
    return this.#parts.tools.list(id).map((tool) => toMcpTool(tool, server.server_name));
  }

  getTool(id: string, toolId: string): McpTool {
    const server = this.server(id);
    return toMcpTool(this.#tool(server, toolId), server.server_name);
  }

  /** Validates `args`, calls the tool upstream, and answers the spec's ToolRunResult. */
  async runTool(id: string, toolId: string, args: Record<string, unknown>): Promise<ToolRunResult> {
    const server = this.server(id);
    const tool = this.#tool(server, toolId);
    const failures = this.checkArguments(tool, args);
    if (failures.length > 0) {
      throw validationFailed(
        failures.map(({ field, message }) => ({ field: field === "/" ? "/args" : `/args${field}`, message })),
        `Invalid arguments for tool '${tool.definition.name}'`,
      );
    }
    const result = await this.callUpstream(server, tool, args);
    const run: ToolRunResult = {
      status: result.isError === true ? "error" : "success",
      func_return: funcReturnOf(result),
      content: result.content,
      ...(result.structuredContent === undefined ? {} : { structuredContent: result.structuredContent }),
      isError: result.isError === true,
    };
    const check = validateAgainst("registry", "ToolRunResult", run);
    if (!check.ok) {
      throw new UpstreamFailure("error", `Upstream '${server.server_name}' returned an invalid tools/call result: ${check.message}`, false);
    }
    return run;
  }

  /** The stored server, or the 404. */
  server(id: string): StoredServer {
    const server = this.#parts.servers.get(id);
    if (!server) throw serverNotFound(id);
    return server;
  }

  /** The fields of `args` that break the tool's inputSchema (JSON pointers into `args`). */
  checkArguments(tool: StoredTool, args: Record<string, unknown>): readonly { field: string; message: string }[] {
    return this.#parts.validator.check(tool, args);
  }

  /** Calls the tool upstream (arguments already checked); throws UpstreamFailure or a 403. */
  callUpstream(
    server: StoredServer,
    tool: StoredTool,
    args: Record<string, unknown>,
    options?: UpstreamCallOptions,
  ): Promise<CallToolResult> {
    this.#checkRunnable(server);
    return this.#parts.upstreams.callTool(server, tool.definition.name, args, options);
  }

  #tool(server: StoredServer, toolId: string): StoredTool {
    const tool = this.#parts.tools.find(server.id, toolId);
    if (!tool) {
      throw new HttpError(
        404,
        "not_found",
        `MCP server '${server.server_name}' has no tool '${toolId}'. Refresh the server to discover new tools.`,
      );
    }
    return tool;
  }

  /** The allowlist may have shrunk since the server was registered (a restart with other flags). */
  #checkRunnable(server: StoredServer): void {
    if (server.mcp_server_type === "stdio") this.#parts.allowlist.check(server.command, server.args, server.env);
  }

  /** The 403 naming `field` when the operator's host policy refuses the URL's host (no SSRF by default). */
  async #checkHost(serverUrl: string, field: string): Promise<void> {
    const refusal = await this.#parts.hosts.refusalOf(serverUrl);
    if (refusal !== undefined) {
      throw new HttpError(403, "forbidden", `Upstream URL refused: ${refusal}`, { errors: [{ field, message: `is refused: ${refusal}` }] });
    }
  }

  #write(result: { ok: true } | { ok: false; conflictId: string }, name: string): void {
    if (!result.ok) {
      throw new HttpError(
        409,
        "conflict",
        `An MCP server named '${name}' already exists (${result.conflictId}). Choose another server_name.`,
      );
    }
  }
}

/**
 * A PATCH that points the server at another origin (scheme, host, port), or sends the token in
 * another header, would hand the stored credentials to whoever is there: they are dropped unless
 * the same request supplies them again.
 */
function dropCredentialsOnRetarget(current: StoredServer, next: Record<string, unknown>, patch: object): void {
  if (current.mcp_server_type === "stdio") return;
  const origin = (url: unknown): string | undefined => {
    try {
      return new URL(String(url)).origin;
    } catch {
      return undefined;
    }
  };
  const moved = origin(next["server_url"]) !== origin(current.server_url);
  const headerChanged = (next["auth_header"] ?? null) !== (current.auth_header ?? null);
  if (!moved && !headerChanged) return;
  if (!("auth_token" in patch)) delete next["auth_token"];
  if (moved && !("custom_headers" in patch)) delete next["custom_headers"];
}
