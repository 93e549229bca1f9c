/**
 * OpenSearch ML Commons 3.3+'s Streamable HTTP endpoint, `POST /_plugins/_ml/mcp`, as its
 * `OpenSearch-MCP-Stateless-Server` behaves: stateless (no `Mcp-Session-Id`), JSON answers only
 * (never an SSE stream, so progress is not sent), notifications 202, and every JSON-RPC error,
 * a malformed message included, inside a 200; only transport faults (403, 413, 415) have their
 * own status. GET and DELETE are 405 with `Allow: POST` and no body. It is a 2025 server: a
 * 2026-07-28 request is served as a legacy call, and `server/discover` is -32601.
 * @see openapi/streamable.yaml (/_plugins/_ml/mcp)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { JSONRPC_ERROR, LEGACY_STREAMABLE_PROTOCOL_VERSIONS, type ServerMessage } from "@mcp-contract/api-types";
import type { AppContext } from "../app-context.js";
import { sendHttpError, type HttpError } from "../errors.js";
import { MAX_BODY_BYTES, refuseBody } from "../http/body-checks.js";
import { readBody } from "../http/body-reader.js";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import { errorResponse } from "../jsonrpc/rpc-error.js";
import type { ToolScope } from "../tools/tool-source.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { parseJsonRpcBody } from "../jsonrpc/parse-body.js";

const ALL_TOOLS: ToolScope = { kind: "all" };
const NO_BODY_405 = { Allow: "POST", "Content-Length": "0" };
const ACCEPTED = { "Content-Length": "0" };

/** One POST: answered on its own response, as JSON, with no state kept after it. */
class StatelessJsonExchange implements RpcContext {
  readonly scope = ALL_TOOLS;
  initialized = true;
  /** Its own rate window: nothing outlives the POST to count calls across. */
  windowStart = 0;
  count = 0;
  private abortController: AbortController | undefined = undefined;

  constructor(
    private readonly res: ServerResponse,
    /** The header's revision; absent, 2025-03-26 (the spec's default for a server with no other way to know). */
    public protocolVersion: string | undefined,
  ) {}

  get offeredVersions(): readonly string[] {
    return LEGACY_STREAMABLE_PROTOCOL_VERSIONS;
  }

  get rateWindow(): StatelessJsonExchange {
    return this;
  }

  get rateSubject(): "session" {
    return "session";
  }

  get signal(): AbortSignal {
    if (!this.abortController) {
      const controller = new AbortController();
      this.abortController = controller;
      this.res.once("close", () => controller.abort());
    }
    return this.abortController.signal;
  }

  /** JSON only: a notification about the request has nowhere to go. */
  notify(): void {}

  reply(answer: ServerMessage | undefined): void {
    const res = this.res;
    if (res.destroyed || res.headersSent) return;
    if (answer === undefined) {
      res.writeHead(202, ACCEPTED).end();
      return;
    }
    const body = JSON.stringify(answer);
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }
}

/** The revision a request states in `MCP-Protocol-Version`, when it is a 2025 one; else 2025-03-26. */
function revisionOf(req: IncomingMessage): string {
  const header = req.headers["mcp-protocol-version"];
  return typeof header === "string" && (LEGACY_STREAMABLE_PROTOCOL_VERSIONS as readonly string[]).includes(header) ? header : "2025-03-26";
}

/** POST: 415 and 413 before the body is read, then the answer. */
const postOpenSearch: EndpointAction = (app, req, res) => {
  const refused = refuseBody(req);
  if (refused) throw refused;
  readBody(req, res, MAX_BODY_BYTES, app, new StatelessJsonExchange(res, revisionOf(req)), onBody);
};

function onBody(app: AppContext, res: ServerResponse, exchange: StatelessJsonExchange, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) return sendHttpError(res, "streamable", error, app.log);
  const parsed = parseJsonRpcBody(body);
  if (!parsed.ok) return exchange.reply(errorResponse(null, JSONRPC_ERROR.PARSE_ERROR, parsed.parseError));
  app.dispatcher.dispatch(parsed.message, exchange);
}

/** GET (a client looking for a stream) and DELETE: 405, `Allow: POST`, no body, as OpenSearch answers. */
const noSuchMethod: EndpointAction = (_app, _req, res) => {
  res.writeHead(405, NO_BODY_405).end();
};

export const OPENSEARCH_MCP: Endpoint = { dialect: "streamable", allow: "POST", POST: postOpenSearch, GET: noSuchMethod, DELETE: noSuchMethod };
