/**
 * How a registry check talks to the registry: one call per spec operation, each response judged
 * against the spec and recorded for registry-responses-valid, and every server the check created
 * deleted afterwards. Only servers this client created (a 2xx create answer carrying the unique
 * name it sent) are ever deleted; the registry's other servers are never touched.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { CheckContext } from "../run/check-context.js";
import { exchange, headerValue, type Exchange } from "../wire/http-exchange.js";
import { judgeResponse, registryOperation, type RegistryOperation, type RegistryOperationId } from "./registry-operations.js";

/** One answered (or unanswered) registry request. */
export interface RegistryCall {
  readonly operation: RegistryOperation;
  readonly exchange: Exchange;
  readonly status: number | undefined;
  /** The parsed JSON body (undefined when absent or not JSON). */
  readonly json: unknown;
  /** The body and header values as text, for secret scans. */
  readonly text: string;
  /** How the response departs from the spec, if it does. */
  readonly problem: string | undefined;
}

export interface CallOptions {
  readonly serverId?: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is, with `contentType` (default application/json). */
  readonly rawBody?: string;
  readonly contentType?: string;
}

/** The upstream every probe server points at: loopback port 9 (discard), where nothing answers MCP. */
export const UNREACHABLE_SSE_URL = "http://127.0.0.1:9/sse";

const MAX_RECORDED = 2_000;

export class RegistryClient {
  readonly #ctx: CheckContext;
  readonly #base: string;
  readonly #created = new Map<string, string>();
  readonly #calls: RegistryCall[] = [];

  constructor(ctx: CheckContext, base: URL) {
    this.#ctx = ctx;
    this.#base = base.href.replace(/\/+$/, "");
  }

  /** Every call this client made, in order. */
  get calls(): readonly RegistryCall[] {
    return this.#calls;
  }

  /** A server name no one else uses, within the spec's ServerName pattern and length. */
  uniqueName(purpose: string): string {
    return `mcp-contract-probe-${purpose}-${randomBytes(4).toString("hex")}`;
  }

  /** A well-formed server id (`mcp_server-<uuid>`) that no server has. */
  unknownId(): string {
    return `mcp_server-${randomUUID()}`;
  }

  async call(id: RegistryOperationId, options: CallOptions = {}): Promise<RegistryCall> {
    const operation = registryOperation(id);
    const path = operation.path.replace("{mcp_server_id}", encodeURIComponent(options.serverId ?? ""));
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : "";
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const done = await this.#ctx.http({
      method: operation.method,
      url: `${this.#base}${path}${query}`,
      headers: {
        accept: "application/json",
        ...this.#credential(),
        ...(body !== undefined && { "content-type": options.contentType ?? "application/json" }),
      },
      body,
    });
    const call = this.#record(operation, done);
    const created = call.json as { id?: unknown; server_name?: unknown } | undefined;
    const sentName = (options.body as { server_name?: unknown } | undefined)?.server_name ?? nameIn(options.rawBody);
    if (id === "createMcpServer" && call.status !== undefined && call.status < 300 && typeof created?.id === "string" && created.server_name === sentName) {
      this.#created.set(created.id, String(sentName));
    }
    return call;
  }

  /** Marks a created server as deleted by the check itself. */
  forget(serverId: string): void {
    this.#created.delete(serverId);
  }

  /**
   * Deletes every server this client created and has not seen deleted, each bounded by the wait
   * timeout even when the check's own bound has passed. Returns what could not be deleted.
   */
  async cleanup(): Promise<string[]> {
    const left: string[] = [];
    for (const [serverId, name] of [...this.#created].reverse()) {
      const operation = registryOperation("deleteMcpServer");
      const done = await exchange({
        method: "DELETE",
        url: `${this.#base}${operation.path.replace("{mcp_server_id}", encodeURIComponent(serverId))}`,
        headers: { ...this.#ctx.settings.headers, ...this.#credential(), accept: "application/json" },
        timeoutMs: this.#ctx.timeoutMs,
      });
      const status = done.response?.status;
      if (status === 204 || status === 404) this.#created.delete(serverId);
      else left.push(`${name} (${serverId}): DELETE answered ${status ?? done.error ?? "nothing"}`);
    }
    return left;
  }

  /** The operator credential for registry calls, when the user gave one. */
  #credential(): Record<string, string> {
    const token = this.#ctx.settings.registryToken;
    return token === undefined ? {} : { authorization: `Bearer ${token}` };
  }

  #record(operation: RegistryOperation, done: Exchange): RegistryCall {
    const response = done.response;
    const bodyText = response?.body.toString("utf8") ?? "";
    let json: unknown;
    try {
      json = bodyText === "" ? undefined : JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
    const problem = response
      ? done.error
        ? `${operation.id}: ${done.error}`
        : judgeResponse(operation, response.status, headerValue(response.headers, "content-type"), response.body)
      : `${operation.id}: ${done.error ?? "no answer"}`;
    const headers = Object.values(response?.headers ?? {}).flat().join("\n");
    const call: RegistryCall = { operation, exchange: done, status: response?.status, json, text: `${headers}\n${bodyText}`, problem };
    this.#calls.push(call);
    const state = this.#ctx.state;
    if (state.registryCalls.length < MAX_RECORDED) {
      state.registryCalls.push({ operationId: operation.id, problem, evidence: this.#ctx.evidence.exchange(done), checkId: this.#ctx.check.id });
    }
    return call;
  }
}

function nameIn(raw: string | undefined): unknown {
  try {
    return raw === undefined ? undefined : (JSON.parse(raw) as { server_name?: unknown }).server_name;
  } catch {
    return undefined;
  }
}
