/**
 * Serves one parsed 2026-07-28 POST body: validates it against its headers, answers
 * `server/discover` itself, opens `subscriptions/listen` streams (listen-streams.ts) and hands
 * `tools/list` and `tools/call` to the Dispatcher (the same
 * methods and tools every transport serves) through a ModernExchange. `Mcp-Session-Id` and
 * `Last-Event-ID` are never read here: a modern request ignores them, as the spec asks.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { LEGACY_STREAMABLE_PROTOCOL_VERSIONS, MCP_ERROR, MODERN_PROTOCOL_VERSIONS, type DiscoverResult } from "@mcp-contract/api-types";
import type { AppContext } from "../app-context.js";
import { readableId } from "../jsonrpc/envelope.js";
import { acceptable } from "../streamable/legacy-headers.js";
import { discoverResult, supportedVersions } from "./discover.js";
import { ALL_TOOLS_TARGET, CACHE_HINTS, ModernExchange, type ModernTarget } from "./modern-exchange.js";
import { ModernRejection, sendRejection } from "./modern-rejection.js";
import { validateModern } from "./validate-request.js";

/** What a modern endpoint serves: its revisions, its methods, its discover answer. */
export interface ModernProfile {
  /** Every revision served on the endpoint, newest first (`data.supported` of -32022). */
  readonly supported: readonly string[];
  readonly methods: ReadonlySet<string>;
  readonly discover: DiscoverResult;
}

/** The methods a 2026-07-28 request may name here. */
const METHODS: ReadonlySet<string> = new Set(["server/discover", "subscriptions/listen", "tools/list", "tools/call"]);

/** Builds the profile of an endpoint that also opens legacy sessions (`withLegacy`), or not. */
export function modernProfile(withLegacy: boolean): ModernProfile {
  const supported = supportedVersions(withLegacy);
  return { supported, methods: METHODS, discover: discoverResult(supported) };
}

const ACCEPTED_HEADERS = { "Content-Length": "0" };

/**
 * Answers `body`, already parsed from the POST. Every rejection the spec names is answered here;
 * what escapes is a bug, which the caller's sendHttpError logs and answers 500 without details.
 */
export function answerModern(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  profile: ModernProfile,
  target: ModernTarget = ALL_TOOLS_TARGET,
): void {
  if (isLegacyInitialize(req, body)) return sendRejection(res, initializeRefused(body as Record<string, unknown>, profile));
  let validated;
  try {
    validated = validateModern(body, req.headers, profile.methods, profile.supported);
  } catch (error) {
    if (!(error instanceof ModernRejection)) throw error;
    return sendRejection(res, error);
  }
  if (validated.kind === "notification") {
    // 2026-07-28 defines no client notifications over HTTP; an accepted one gets 202 and no answer.
    res.writeHead(202, ACCEPTED_HEADERS).end();
    return;
  }
  const { message, version, capabilities } = validated.call;
  if (message.method === "subscriptions/listen") {
    try {
      return app.listenStreams.open(res, message.id, message.params, acceptable(req.headers.accept));
    } catch (error) {
      if (!(error instanceof ModernRejection)) throw error;
      return sendRejection(res, error);
    }
  }
  const exchange = new ModernExchange(res, message.id, version, acceptable(req.headers.accept), app.keepAlive, CACHE_HINTS.get(message.method), capabilities, target);
  if (message.method === "server/discover") return exchange.reply({ jsonrpc: "2.0", id: message.id, result: profile.discover });
  app.dispatcher.dispatchRequest(message, exchange);
}

/**
 * The 400 for a legacy `initialize` on an endpoint serving 2026-07-28 only: it names the revisions
 * served, since a legacy client has no other way to learn them (versioning.mdx's SHOULD).
 */
export function initializeRefused(body: Record<string, unknown>, profile: ModernProfile): ModernRejection {
  const params = body["params"] as Record<string, unknown> | undefined;
  const requested = typeof params?.["protocolVersion"] === "string" ? (params["protocolVersion"] as string) : "";
  const id = readableId(body["id"]);
  return new ModernRejection(
    400,
    MCP_ERROR.UNSUPPORTED_PROTOCOL_VERSION,
    `Unsupported protocol version${requested ? ` '${requested.slice(0, 40)}'` : ""}: this endpoint serves ${profile.supported.join(", ")} only, which has no initialize; ` +
      "send each request with _meta and the MCP-Protocol-Version, Mcp-Method (and Mcp-Name) headers.",
    id,
    { supported: [...profile.supported], requested },
  );
}

/**
 * An `initialize` sent the 2025 way: with no MCP-Protocol-Version or one that is not modern (a
 * legacy client's opening, or its retry with the revision it knows). Answered with the revisions
 * served, not with the header errors a modern request would get.
 */
function isLegacyInitialize(req: IncomingMessage, body: unknown): boolean {
  const version = req.headers["mcp-protocol-version"];
  return (version === undefined || !isModernRevision(version)) && body !== null && typeof body === "object" && (body as Record<string, unknown>)["method"] === "initialize";
}

/** Whether a revision is one of the legacy Streamable HTTP ones (answered in a session). */
export function isLegacyRevision(version: unknown): boolean {
  return typeof version === "string" && (LEGACY_STREAMABLE_PROTOCOL_VERSIONS as readonly string[]).includes(version);
}

/** Whether a revision is a modern one. */
export function isModernRevision(version: unknown): boolean {
  return typeof version === "string" && (MODERN_PROTOCOL_VERSIONS as readonly string[]).includes(version);
}
