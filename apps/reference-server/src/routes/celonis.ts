/**
 * The Celonis MCP Server Asset dialect: GET opens a per-asset stream that ends after its lifetime;
 * POST answers synchronously, 200 with the JSON-RPC response (202 for a notification).
 *
 * A POST carrying the `sessionId` of an open stream on the same asset (and credential) also gets
 * its answer and progress on that stream: that is how HTTP+SSE clients such as the MCP SDK's
 * SSEClientTransport, which read answers only from the stream, work with this dialect unchanged.
 *
 * A POST marked 2026-07-28 (its headers or `_meta`, as on `/mcp`) is a Streamable HTTP request
 * and is served as one: validated, JSON or SSE as its `Accept` allows, no session, the asset's
 * tools, calls counted against the asset's rate window.
 * @see openapi/session.yaml (openCelonisSession) and openapi/message.yaml (postCelonisRequest)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { JSONRPC_ERROR, type ServerMessage } from "@mcp-contract/api-types";
import type { AppContext } from "../app-context.js";
import { HttpError, sendHttpError } from "../errors.js";
import { MAX_BODY_BYTES, refuseBody } from "../http/body-checks.js";
import { readBody } from "../http/body-reader.js";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import { errorResponse } from "../jsonrpc/rpc-error.js";
import { newRateWindow, type RateWindow } from "../mcp/rate-limiter.js";
import { isModernRequest } from "../modern/era-choice.js";
import type { ModernTarget } from "../modern/modern-exchange.js";
import { answerModern, modernProfile } from "../modern/modern-post.js";
import type { Session } from "../session/session.js";
import { BUILTIN_ASSET } from "../tools/builtin-tools.js";
import type { ToolScope } from "../tools/tool-source.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { openSseSession } from "../transport/http-sse-stream.js";
import { CELONIS_PREFIX } from "./paths.js";
import { sessionIdOf } from "./sse-dialects.js";
import { parseErrorStatus, parseJsonRpcBody } from "../jsonrpc/parse-body.js";

const ENDPOINT_PREFIX = "?sessionId=";

/** The asset id in a Celonis path suffix, or undefined when it is not one path segment. */
export function assetIdOf(suffix: string): string | undefined {
  if (suffix === "" || suffix.includes("/")) return undefined;
  try {
    const id = decodeURIComponent(suffix);
    return id === "" || id.includes("/") ? undefined : id;
  } catch {
    return undefined;
  }
}

/** GET: 404 for an unknown asset, else the stream. */
const openCelonisStream: EndpointAction = async (app, _req, res, credential, path) => {
  const assetId = assetIdOf(path.slice(CELONIS_PREFIX.length))!;
  if (assetId !== BUILTIN_ASSET && !(await app.catalog.hasAsset(assetId))) throw assetNotFound();
  // The client may have left while the asset was looked up.
  if (res.destroyed) return;
  openSseSession(app, res, "celonis", credential, scopeOf(assetId), ENDPOINT_PREFIX);
};

/** POST: 404 for an unknown asset, then 415 and 413, then the synchronous JSON-RPC answer. */
const postCelonisMessage: EndpointAction = async (app, req, res, credential, path, query) => {
  const assetId = assetIdOf(path.slice(CELONIS_PREFIX.length))!;
  if (assetId !== BUILTIN_ASSET && !(await app.catalog.hasAsset(assetId))) throw assetNotFound();
  const refused = refuseBody(req);
  if (refused) throw refused;
  let window = app.assetWindows.get(assetId);
  if (!window) app.assetWindows.set(assetId, (window = newRateWindow()));
  const exchange = new CelonisExchange(res, scopeOf(assetId), window, streamOf(app, query, assetId, credential));
  readBody(req, res, MAX_BODY_BYTES, app, { req, exchange, target: { scope: exchange.scope, rateWindow: window } }, onCelonisBody);
};

/** What a read POST body is answered with: its exchange, or, when it is modern, its target. */
interface CelonisPost {
  readonly req: IncomingMessage;
  readonly exchange: CelonisExchange;
  readonly target: ModernTarget;
}

/** Every asset is served to 2026-07-28 requests on its own path, which opens no sessions. */
const MODERN_PROFILE = modernProfile(false);

/** Every asset path, `{CELONIS_PREFIX}{asset_id}` (the router matches the prefix with assetIdOf). */
export const CELONIS: Endpoint = { dialect: "celonis", allow: "GET, POST", GET: openCelonisStream, POST: postCelonisMessage };

function onCelonisBody(app: AppContext, res: ServerResponse, post: CelonisPost, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) return sendHttpError(res, "celonis", error, app.log);
  const parsed = parseJsonRpcBody(body);
  if (!parsed.ok) {
    // Headers that mark 2026-07-28 make it a Streamable HTTP request though its body is unreadable: 400 with -32700, as on /mcp.
    if (isModernRequest(post.req.headers, undefined)) return sendHttpError(res, "streamable", parseErrorStatus(parsed.parseError), app.log);
    return post.exchange.reply(errorResponse(null, JSONRPC_ERROR.PARSE_ERROR, parsed.parseError));
  }
  const message = parsed.message;
  if (isModernRequest(post.req.headers, message)) {
    try {
      return answerModern(app, post.req, res, message, MODERN_PROFILE, post.target);
    } catch (failure) {
      return sendHttpError(res, "celonis", failure, app.log);
    }
  }
  app.dispatcher.dispatch(message, post.exchange);
}

/** One synchronous request, answered on its own response (and mirrored to a matching stream). */
class CelonisExchange implements RpcContext {
  private localVersion: string | undefined = undefined;
  private localInitialized = false;
  private abortController: AbortController | undefined = undefined;

  constructor(
    private readonly res: ServerResponse,
    readonly scope: ToolScope,
    readonly rateWindow: RateWindow,
    private readonly session: Session | undefined,
  ) {}

  get rateSubject(): "asset" {
    return "asset";
  }

  get protocolVersion(): string | undefined {
    return this.session ? this.session.protocolVersion : this.localVersion;
  }

  set protocolVersion(version: string | undefined) {
    if (this.session) this.session.protocolVersion = version;
    else this.localVersion = version;
  }

  get initialized(): boolean {
    return this.session ? this.session.initialized : this.localInitialized;
  }

  set initialized(value: boolean) {
    if (this.session) this.session.initialized = value;
    else this.localInitialized = value;
  }

  get signal(): AbortSignal {
    if (!this.abortController) {
      const controller = new AbortController();
      this.abortController = controller;
      this.res.once("close", () => controller.abort());
    }
    return this.abortController.signal;
  }

  notify(message: ServerMessage): void {
    this.session?.send(message);
  }

  reply(answer: ServerMessage | undefined): void {
    if (this.res.destroyed) return;
    if (answer === undefined) {
      this.res.writeHead(202, { "Content-Length": "0" }).end();
      return;
    }
    this.session?.send(answer);
    const body = JSON.stringify(answer);
    this.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    this.res.end(body);
  }
}

/** The open stream this POST names, when it is on the same asset and credential; else none. */
function streamOf(app: AppContext, query: string, assetId: string, credential: number): Session | undefined {
  const sessionId = sessionIdOf(query);
  const session = sessionId === undefined ? undefined : app.sessions.get(sessionId);
  if (session?.dialect !== "celonis" || session.credential !== credential) return undefined;
  return session.scope.kind === "asset" && session.scope.assetId === assetId ? session : undefined;
}

function scopeOf(assetId: string): ToolScope {
  return { kind: "asset", assetId };
}

function assetNotFound(): HttpError {
  return new HttpError(404, "not_found", "Asset not found or not accessible.");
}
