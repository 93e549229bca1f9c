/**
 * Checks one parsed 2026-07-28 POST body against its headers, in the contract's order: the
 * headers are present and well formed (-32020), `_meta` has its required keys (-32602), the
 * headers match the body (-32020), the revision is served (-32022), the method exists (404,
 * -32601). A notification passes with no header checks (the revision defines none for it).
 * @see openapi/streamable.yaml (the validation table) and
 *   https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#server-validation
 */
import type { IncomingHttpHeaders } from "node:http";
import {
  JSONRPC_ERROR,
  MCP_ERROR,
  MCP_HEADER,
  META_KEY,
  MODERN_NAMED_METHODS,
  MODERN_PROTOCOL_VERSIONS,
  MODERN_REMOVED_METHODS,
  type JSONRPCRequest,
} from "@mcp-contract/api-types";
import { classify } from "../jsonrpc/envelope.js";
import { ModernRejection } from "./modern-rejection.js";
import { nameHeader, tokenHeader, type HeaderRead } from "./request-headers.js";

/** A request that passed every check. */
export interface ModernCall {
  readonly message: JSONRPCRequest;
  readonly version: string;
  readonly capabilities: Record<string, unknown>;
}

/** What the body turned out to be: a request to serve, or a notification to accept. */
export type ModernMessage = { readonly kind: "request"; readonly call: ModernCall } | { readonly kind: "notification" };

const NOTIFICATION: ModernMessage = { kind: "notification" };
const MODERN: readonly string[] = MODERN_PROTOCOL_VERSIONS;

/**
 * Validates `body`; throws the ModernRejection to answer. `methods` are the methods served;
 * `supported` every revision the endpoint serves (for -32022's `data.supported`).
 */
export function validateModern(body: unknown, headers: IncomingHttpHeaders, methods: ReadonlySet<string>, supported: readonly string[]): ModernMessage {
  if (Array.isArray(body)) {
    throw new ModernRejection(400, JSONRPC_ERROR.INVALID_REQUEST, "Invalid Request: 2026-07-28 takes one JSON-RPC message per POST, not a batch.", null);
  }
  const envelope = classify(body);
  if (envelope.kind === "invalid") throw new ModernRejection(400, JSONRPC_ERROR.INVALID_REQUEST, `Invalid Request: ${envelope.reason}`, envelope.id);
  if (envelope.kind === "response") {
    throw new ModernRejection(400, JSONRPC_ERROR.INVALID_REQUEST, "Invalid Request: a 2026-07-28 client sends no JSON-RPC responses (the server sends it no requests).", null);
  }
  if (envelope.kind === "notification") return NOTIFICATION;
  const message = envelope.message;
  const { id, method } = message;

  const versionHeader = required(tokenHeader(headers, "mcp-protocol-version"), MCP_HEADER.PROTOCOL_VERSION, id, MODERN[0] ?? "2026-07-28");
  const methodHeader = required(tokenHeader(headers, "mcp-method"), MCP_HEADER.METHOD, id, method);
  const nameField = MODERN_NAMED_METHODS[method];
  const nameValue = nameField === undefined ? undefined : required(nameHeader(headers), MCP_HEADER.NAME, id, String(message.params?.[nameField] ?? "<name>"));

  const meta = message.params?.["_meta"];
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) {
    throw invalidMeta(id, `params._meta is ${meta === undefined ? "missing" : "not an object"}; a 2026-07-28 request carries '${META_KEY.PROTOCOL_VERSION}' and '${META_KEY.CLIENT_CAPABILITIES}' there.`);
  }
  const record = meta as Record<string, unknown>;
  const version = record[META_KEY.PROTOCOL_VERSION];
  if (typeof version !== "string" || version === "") throw invalidMeta(id, `params._meta must have '${META_KEY.PROTOCOL_VERSION}' (a revision such as '2026-07-28').`);
  const capabilities = record[META_KEY.CLIENT_CAPABILITIES];
  if (capabilities === null || typeof capabilities !== "object" || Array.isArray(capabilities)) {
    throw invalidMeta(id, `params._meta must have '${META_KEY.CLIENT_CAPABILITIES}' (an object; {} when the client declares none).`);
  }

  if (versionHeader !== version) throw mismatch(id, MCP_HEADER.PROTOCOL_VERSION, versionHeader, version);
  if (methodHeader !== method) throw mismatch(id, MCP_HEADER.METHOD, methodHeader, method);
  if (nameField !== undefined) {
    const bodyValue = message.params?.[nameField];
    // A body without the field fails the method's own params check (-32602) instead.
    if (typeof bodyValue === "string" && nameValue !== bodyValue) throw mismatch(id, MCP_HEADER.NAME, nameValue ?? "", bodyValue);
  }

  if (!MODERN.includes(version)) {
    const legacyHint = supported.includes(version) ? ` '${version}' is served in a session: send initialize without _meta to open one.` : "";
    throw new ModernRejection(
      400,
      MCP_ERROR.UNSUPPORTED_PROTOCOL_VERSION,
      `Unsupported protocol version '${version.slice(0, 40)}': this endpoint serves ${MODERN.join(", ")} per request.${legacyHint}`,
      id,
      { supported: [...supported], requested: version },
    );
  }
  if (!methods.has(method)) {
    // initialize also names the revisions served: for a legacy client it may be the only diagnostic
    // it can show (versioning.mdx, a SHOULD for any error to initialize).
    const served = method === "initialize" ? `; this endpoint serves ${supported.join(", ")}` : "";
    const why = MODERN_REMOVED_METHODS.includes(method) ? `'${method}' was removed in 2026-07-28${served}` : `'${method.slice(0, 80)}' is not a method of this server`;
    throw new ModernRejection(404, JSONRPC_ERROR.METHOD_NOT_FOUND, `Method not found: ${why}.`, id);
  }
  return { kind: "request", call: { message, version, capabilities: capabilities as Record<string, unknown> } };
}

/** The header's value, or the -32020 for a missing or malformed one. */
function required(read: HeaderRead, name: string, id: JSONRPCRequest["id"], example: string): string {
  if (read.kind === "value") return read.value;
  const why = read.kind === "absent" ? `the ${name} header is required and missing; send ${name}: ${example.slice(0, 80)}` : `the ${name} header ${read.why}`;
  throw new ModernRejection(400, MCP_ERROR.HEADER_MISMATCH, `Header mismatch: ${why}.`, id);
}

function mismatch(id: JSONRPCRequest["id"], name: string, header: string, body: string): ModernRejection {
  return new ModernRejection(
    400,
    MCP_ERROR.HEADER_MISMATCH,
    `Header mismatch: ${name} header value '${header.slice(0, 80)}' does not match body value '${body.slice(0, 80)}'.`,
    id,
  );
}

function invalidMeta(id: JSONRPCRequest["id"], why: string): ModernRejection {
  return new ModernRejection(400, JSONRPC_ERROR.INVALID_PARAMS, `Invalid params: ${why}`, id);
}
