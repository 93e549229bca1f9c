/**
 * The HTTP face of the registry: `/v1/mcp-servers` and everything under it, each answer either
 * the spec's model or its ApiError. Paths match with or without a trailing slash; any other path
 * is left to the next handler.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, sendHttpError } from "../errors.js";
import { readJsonBody } from "../http/json-body.js";
import { sendJson } from "../http/json-response.js";
import type { RouteHandler } from "../http/route-handler.js";
import type { RegistryLogger } from "./logger.js";
import type { OperatorGate } from "./operator-gate.js";
import type { RegistryService } from "./registry-service.js";
import { validateRun } from "./request-validation.js";
import { UpstreamFailure } from "./upstream-failure.js";

export const REGISTRY_PREFIX = "/v1/mcp-servers";

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
const SERVER_ID = /^mcp_server-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, params: readonly string[]) => Promise<void>;
type Methods = Readonly<Record<string, Handler>>;

/** The methods that change the registry or reach a tool: only the operator may call them. */
const OPERATOR_ONLY: Readonly<Record<string, string>> = {
  POST: "registering a server",
  PATCH: "changing or refreshing a server",
  DELETE: "deleting a server",
};

export function createRegistryRoutes(service: RegistryService, gate: OperatorGate, logger: RegistryLogger): RouteHandler {
  const collection: Methods = {
    GET: async (_req, res, url) => sendJson(res, 200, service.list(...pageOf(url))),
    POST: async (req, res) => {
      const created = await service.create(await readJsonBody(req, res));
      res.setHeader("location", `${REGISTRY_PREFIX}/${created.id}`);
      sendJson(res, 201, created);
    },
  };
  const server: Methods = {
    GET: async (_req, res, _url, [id]) => sendJson(res, 200, service.get(id!)),
    PATCH: async (req, res, _url, [id]) => {
      const body = await readJsonBody(req, res);
      sendJson(res, 200, await service.update(id!, body));
    },
    DELETE: async (_req, res, _url, [id]) => {
      await service.delete(id!);
      res.writeHead(204).end();
    },
  };
  const refresh: Methods = {
    PATCH: async (_req, res, _url, [id]) => sendJson(res, 200, await service.refresh(id!)),
  };
  const tools: Methods = { GET: async (_req, res, _url, [id]) => sendJson(res, 200, service.listTools(id!)) };
  const tool: Methods = {
    GET: async (_req, res, _url, [id, toolId]) => sendJson(res, 200, service.getTool(id!, toolId!)),
  };
  const run: Methods = {
    POST: async (req, res, _url, [id, toolId]) => {
      const args = validateRun(await readJsonBody(req, res, { optional: true }));
      sendJson(res, 200, await service.runTool(id!, toolId!, args));
    },
  };

  /** The methods and path parameters of `segments`, or undefined for an unknown path. */
  function match(segments: readonly string[]): [Methods, string[]] | undefined {
    const [id, sub, toolId, action, ...extra] = segments;
    if (extra.length > 0) return undefined;
    if (id === undefined) return [collection, []];
    if (sub === undefined) return [server, [id]];
    if (sub === "refresh" && toolId === undefined) return [refresh, [id]];
    if (sub !== "tools") return undefined;
    if (toolId === undefined) return [tools, [id]];
    if (action === undefined) return [tool, [id, toolId]];
    return action === "run" ? [run, [id, toolId]] : undefined;
  }

  return async (req, res, url) => {
    const segments = segmentsOf(url.pathname);
    if (!segments) return false;
    try {
      const found = segments.includes("") ? undefined : match(segments);
      if (!found) throw new HttpError(404, "not_found", `No registry resource at ${url.pathname}.`);
      const [methods, params] = found;
      const handler = methods[req.method ?? "GET"];
      if (!handler) {
        const allow = Object.keys(methods);
        throw new HttpError(405, "method_not_allowed", `${req.method} is not supported here; use ${allow.join(" or ")}.`, {
          headers: { Allow: allow.join(", ") },
        });
      }
      const method = req.method ?? "GET";
      const guarded = methods === run ? "running a tool" : OPERATOR_ONLY[method];
      if (guarded !== undefined) gate.check(req.headers, guarded);
      await handler(req, res, url, params);
    } catch (error) {
      fail(res, error, logger, `${req.method} ${url.pathname}`);
    }
    return true;
  };
}

/** The decoded path segments after the prefix (a trailing slash ignored), or undefined if not ours. */
function segmentsOf(pathname: string): string[] | undefined {
  if (pathname !== REGISTRY_PREFIX && !pathname.startsWith(`${REGISTRY_PREFIX}/`)) return undefined;
  const rest = pathname.slice(REGISTRY_PREFIX.length).replace(/\/$/, "");
  if (rest === "") return [];
  return rest
    .slice(1)
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return "";
      }
    });
}

/** `limit` and `after` of the list query, or the 422 naming the bad one. */
function pageOf(url: URL): [number, string | undefined] {
  const errors = [];
  const rawLimit = url.searchParams.get("limit");
  const limit = rawLimit === null ? DEFAULT_PAGE_SIZE : Number(rawLimit);
  if (rawLimit !== null && !(/^\d+$/.test(rawLimit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    errors.push({ field: "limit", message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  const after = url.searchParams.get("after") ?? undefined;
  if (after !== undefined && !SERVER_ID.test(after)) {
    errors.push({ field: "after", message: "must be a server id (mcp_server-<uuid>)" });
  }
  if (errors.length > 0) {
    throw new HttpError(422, "validation_failed", `Invalid query: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, { errors });
  }
  return [limit, after];
}

/**
 * Answers a failure through the app's one error handler. Upstream failures become 502/504 (and a
 * warning); anything unexpected is logged for the operator and answered 500 without internals.
 */
function fail(res: ServerResponse, error: unknown, logger: RegistryLogger, where: string): void {
  let failure: unknown = error;
  if (error instanceof UpstreamFailure) {
    logger.warn(error.logLine);
    failure = error.toHttpError();
  } else if (!(error instanceof HttpError)) {
    logger.error(`Registry: ${where} failed: ${error instanceof Error ? error.message : String(error)}`);
    failure = new HttpError(500, "internal_error", "The registry failed unexpectedly; see the server log.");
  }
  sendHttpError(res, "api", failure, (line) => logger.error(line));
}
