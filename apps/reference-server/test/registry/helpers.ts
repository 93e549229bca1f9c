/**
 * Test harness: the registry's routes on a real HTTP server (port 0), a logger that keeps every
 * line, a spec check for every answer, and a look at this process's children.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { startServer } from "@mcp-contract/test-helpers";
import { validateAgainst } from "@mcp-contract/api-types";
import { expect } from "vitest";
import { createRegistry, REGISTRY_PREFIX, type Registry, type RegistryOptions } from "../../src/registry/index.js";
import { contractViolation } from "./contract-check.js";
import { CRASH_FIXTURE, EVERYTHING } from "./upstreams.js";

/** The operator token every mounted registry accepts; `request` sends it unless told otherwise. */
export const OPERATOR_TOKEN = "operator-test-3f9a1c7e";

/** The hosts the tests' upstreams listen on: loopback, refused unless allowed (no SSRF by default). */
export const LOOPBACK_UPSTREAM_HOSTS: readonly string[] = ["127.0.0.1", "::1", "localhost"];

/** The script directories the tests allow stdio interpreters to run from: the fixtures and server-everything. */
export const TEST_SCRIPT_DIRS: readonly string[] = [dirname(CRASH_FIXTURE), dirname(EVERYTHING)];

const handled = (pathname: string): boolean => pathname === REGISTRY_PREFIX || pathname.startsWith(`${REGISTRY_PREFIX}/`);

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields of the JSON answers they just asserted on
  readonly body: any;
}

export interface MountedRegistry extends AsyncDisposable {
  readonly url: string;
  readonly registry: Registry;
  /** Every line logged so far, any level. */
  readonly logs: string[];
  /** Every response body text received so far. */
  readonly bodies: string[];
  request(method: string, path: string, init?: { json?: unknown; body?: string; headers?: Record<string, string> }): Promise<Answer>;
}

/** The registry on a real server: a tiny app that asks the routes and 404s otherwise. */
export async function mountRegistry(options: Partial<RegistryOptions> = {}): Promise<MountedRegistry> {
  const logs: string[] = [];
  const bodies: string[] = [];
  const keep = (level: string) => (message: string) => void logs.push(`${level} ${message}`);
  const registry = createRegistry({
    databasePath: ":memory:",
    stdioAllowlist: [],
    stdioScriptDirs: TEST_SCRIPT_DIRS,
    connectTimeoutMs: 5_000,
    callTimeoutMs: 5_000,
    upstreamHostAllowlist: LOOPBACK_UPSTREAM_HOSTS,
    logger: { info: keep("info"), warn: keep("warn"), error: keep("error") },
    adminTokens: [OPERATOR_TOKEN],
    // As in a gateway with an operator token: every MCP caller has proven a credential.
    callersAuthenticated: true,
    ...options,
  });
  const server = await startServer((req, res) => {
    void (async () => {
      const handled = await registry.routes(req, res, new URL(req.url ?? "/", "http://x"));
      if (!handled) res.writeHead(404, { "content-type": "text/plain" }).end("not a registry path");
    })();
  });
  async function request(
    method: string,
    path: string,
    init: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    // Writes need the operator credential (issue 11): send it unless the test sets its own.
    const headers: Record<string, string> = { authorization: `Bearer ${OPERATOR_TOKEN}`, ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${server.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(20_000) });
    const text = await response.text();
    bodies.push(text);
    const json = response.headers.get("content-type")?.startsWith("application/json") === true;
    const parsed: unknown = json ? JSON.parse(text) : undefined;
    const pathname = new URL(path, server.url).pathname;
    if (handled(pathname)) {
      // Every answer of the registry is held to the spec, whatever the test then asserts.
      const violation = contractViolation(method, pathname, response.status, parsed, text);
      if (violation) throw new Error(`Contract broken by ${method} ${path}: ${violation}`);
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }
  return {
    url: server.url,
    registry,
    logs,
    bodies,
    request,
    [Symbol.asyncDispose]: async () => {
      await server.close();
      await registry.close();
    },
  };
}

/** Asserts that `body` validates against the registry spec's `schema`. */
export function expectSpec(schema: string, body: unknown): void {
  const result = validateAgainst("registry", schema, body);
  expect(result.ok ? "valid" : result.message, `${schema}: ${JSON.stringify(body)}`).toBe("valid");
}

/** Asserts an ApiError answer with this status and code, and returns its body. */
export function expectApiError(answer: Answer, status: number, code: string): { detail: string; code: string; errors?: { field: string; message: string }[] } {
  expect(answer.status, answer.text).toBe(status);
  expectSpec("ApiError", answer.body);
  expect(answer.body.code).toBe(code);
  return answer.body;
}

/** The pids of this process's children (Linux /proc), zombies included: a zombie is not reaped. */
export function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the ")" that closes the command name: state, ppid, ...
    const [, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(ppid) === process.pid) pids.push(Number(entry));
  }
  return pids;
}

/** Whether the process table still holds this pid (a zombie, never reaped, counts as present). */
export function processExists(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}
