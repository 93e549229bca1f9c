/**
 * Holds one HTTP exchange to the operation its method and path select: the status is documented
 * for it, the Content-Type is one the spec declares for that status, required headers are there
 * and every declared header present fits its schema, a response without content has no body, a
 * JSON body matches its schema, and an event stream is checked event by event (SseBodyCheck).
 * JSON bodies are kept up to 1 MiB; a larger one is left unchecked rather than held.
 */
import { failure, type SpecName } from "@mcp-contract/api-types";
import { lookUp, nodeAt, responseFor, validatorAt, type Lookup, type Operation, type ResponseContract } from "./operations.js";
import { excerpt, SseBodyCheck, streamShapes } from "./sse-check.js";

const MAX_JSON_BYTES = 1024 * 1024;
/** More problems than this in one exchange say nothing new. */
const MAX_PER_EXCHANGE = 5;

export interface ExchangeRequest {
  readonly method: string;
  /** The request target as sent (path and query). */
  readonly url: string;
}

/** One broken promise of the contract, named by request, operation, status and field. */
export interface WireViolation {
  /** `POST /mcp?x=1` */
  readonly request: string;
  /** `streamable postMcp (POST /mcp)`, or undefined when no operation matched. */
  readonly operation: string | undefined;
  readonly status: number;
  readonly message: string;
}

type BodyMode =
  | { readonly kind: "none" }
  | { readonly kind: "empty"; readonly why: string }
  | { readonly kind: "json"; readonly operation: Operation; readonly schema: string }
  | { readonly kind: "sse"; readonly check: SseBodyCheck };

export class ExchangeCheck {
  private status = 0;
  private operation: Operation | undefined;
  private mode: BodyMode = { kind: "none" };
  private chunks: Buffer[] = [];
  private size = 0;
  private reported = 0;

  constructor(
    private readonly request: ExchangeRequest,
    private readonly record: (violation: WireViolation) => void,
  ) {}

  /** The status line and headers (names lowercase) as they go on the wire. */
  head(status: number, headers: Readonly<Record<string, string>>): void {
    this.status = status;
    const method = this.request.method.toUpperCase();
    const path = pathOf(this.request.url);
    const found = lookUp(method, path);
    if (found.kind !== "operation") return this.checkOutsideTheSpecs(found, method, path, status, headers);
    const operation = found.operation;
    this.operation = operation;
    const contract = responseFor(operation, status);
    if (!contract) {
      return this.report(`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(", ")})`);
    }
    this.checkHeaders(operation, contract, headers);
    if (method === "HEAD" || status === 204 || status === 304) return;
    if (contract.media.size === 0) {
      this.mode = { kind: "empty", why: `the spec's ${contract.key} response has no content` };
      return;
    }
    const declared = headers["content-type"];
    const type = declared?.split(";")[0]?.trim().toLowerCase();
    if (type === undefined || !contract.media.has(type)) {
      return this.report(
        `Content-Type ${declared === undefined ? "is missing" : `${declared} is not declared`}; the spec's ${contract.key} response is ${[...contract.media.keys()].join(" or ")}`,
      );
    }
    const schema = contract.media.get(type);
    if (schema === undefined) return;
    if (type === "text/event-stream") {
      this.mode = { kind: "sse", check: new SseBodyCheck(operation.spec, streamShapes(operation.spec, schema), (message) => this.report(message)) };
    } else if (type === "application/json" || type.endsWith("+json")) {
      this.mode = { kind: "json", operation, schema };
    }
  }

  /** A piece of the body, as the server wrote it. */
  body(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const mode = this.mode;
    if (mode.kind === "empty") {
      this.report(`has a body (${excerpt(chunk.toString("utf8"), 120)}), but ${mode.why}`);
      this.mode = { kind: "none" };
    } else if (mode.kind === "sse") {
      mode.check.feed(chunk);
    } else if (mode.kind === "json") {
      this.size += chunk.length;
      if (this.size > MAX_JSON_BYTES) {
        this.chunks = [];
        this.mode = { kind: "none" };
      } else {
        this.chunks.push(chunk);
      }
    }
  }

  /** The server ended the response (not called when the connection was cut). */
  end(): void {
    const mode = this.mode;
    this.mode = { kind: "none" };
    if (mode.kind === "sse") mode.check.end();
    if (mode.kind !== "json") return;
    const text = Buffer.concat(this.chunks).toString("utf8");
    this.chunks = [];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.report(`the body is not JSON: ${JSON.stringify(excerpt(text, 120))}`);
    }
    const validate = validatorAt(mode.operation.spec, mode.schema);
    if (!validate(body)) {
      this.report(`the body breaks ${schemaName(mode.operation.spec, mode.schema, this.status)}: ${failure(validate.errors ?? []).message} in ${excerpt(text)}`);
    }
  }

  /**
   * What HTTP itself says about requests no operation covers (the specs cannot list every path
   * and method a server lacks): a path no spec has may only be 404; an undocumented method on a
   * documented path may only be 405 (RFC 9110 15.5.6) and an OPTIONS preflight 204/200 or a
   * refusal the path documents (403), each with an Allow naming the path's methods.
   */
  private checkOutsideTheSpecs(found: Exclude<Lookup, { kind: "operation" }>, method: string, path: string, status: number, headers: Readonly<Record<string, string>>): void {
    if (found.kind === "path") {
      if (status !== 404) this.report(`no spec has an operation for ${method} ${path}, so the only answer is 404`);
      return;
    }
    const refused = method === "OPTIONS" && status === 403 && found.statuses.includes("403");
    if (!(status === 405 || (method === "OPTIONS" && (status === 204 || status === 200)) || refused)) {
      this.report(`the specs' ${found.template} has no ${method} operation (only ${found.methods.join(", ")}), so the answer must be 405${method === "OPTIONS" ? " or a preflight 204" : ""}`);
      return;
    }
    if (refused) return;
    const allow = headers["allow"];
    const allowed = new Set((allow ?? "").split(",").map((m) => m.trim().toUpperCase()).filter(Boolean));
    const missing = found.methods.filter((m) => !allowed.has(m));
    const extra = [...allowed].filter((m) => !found.methods.includes(m) && m !== "OPTIONS" && m !== "HEAD");
    if (allow === undefined) this.report(`a ${status} on ${found.template} needs an Allow header (${found.methods.join(", ")})`);
    else if (missing.length > 0 || extra.length > 0) this.report(`Allow: ${allow} differs from the specs' methods of ${found.template} (${found.methods.join(", ")})`);
  }

  private checkHeaders(operation: Operation, contract: ResponseContract, headers: Readonly<Record<string, string>>): void {
    for (const header of contract.headers) {
      const value = headers[header.name];
      if (value === undefined) {
        if (header.required) this.report(`the required header ${header.name} is missing`);
        continue;
      }
      if (header.schema === undefined) continue;
      const validate = validatorAt(operation.spec, header.schema);
      if (!validate(value)) this.report(`header ${header.name}: ${JSON.stringify(value)} ${failure(validate.errors ?? []).message}`);
    }
  }

  private report(message: string): void {
    if (this.reported++ >= MAX_PER_EXCHANGE) return;
    const operation = this.operation;
    this.record({
      request: `${this.request.method.toUpperCase()} ${this.request.url}`,
      operation: operation ? `${operation.spec} ${operation.operationId} (${operation.method} ${operation.template})` : undefined,
      status: this.status,
      message,
    });
  }
}

/** A components schema by its name, an inline one by where it sits. */
function schemaName(spec: SpecName, pointer: string, status: number): string {
  const at = nodeAt(spec, pointer).pointer;
  return at.startsWith("/components/schemas/") ? at.slice("/components/schemas/".length) : `its ${status} ${pointer.split("/").at(-2)?.replace("~1", "/")} schema`;
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  // An absolute-form target (a proxy request) names a path too.
  return path.startsWith("/") ? path : path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "") || "/";
}
