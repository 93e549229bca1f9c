/**
 * Who may change the registry or run a tool through it: only a caller presenting an operator token
 * (`--admin-token` / `ADMIN_TOKENS`, as `Authorization: Bearer <token>`). Registering a server makes
 * the gateway connect somewhere (or spawn a program) and lend it stored secrets, so no other
 * credential, and no anonymous caller, may do it. With no operator token configured the registry is
 * read-only and says which flag opens it.
 * @see SECURITY.md (the credential matrix)
 */
import type { IncomingHttpHeaders } from "node:http";
import { HttpError } from "../errors.js";
import { bearerTokenOf, CredentialSet } from "../http/credentials.js";

const CHALLENGE = 'Bearer realm="mcp-contract"';

export class OperatorGate {
  readonly #tokens: CredentialSet;

  constructor(tokens: readonly string[]) {
    this.#tokens = new CredentialSet(tokens);
  }

  /** Whether any operator token is configured (else the registry is read-only). */
  get configured(): boolean {
    return this.#tokens.enabled;
  }

  /** Throws the 401 unless the headers carry an operator token; `what` names the refused action. */
  check(headers: IncomingHttpHeaders, what: string): void {
    if (!this.#tokens.enabled) {
      throw new HttpError(
        401,
        "unauthorized",
        `Unauthorized: ${what} needs the operator credential, and none is configured, so the registry is read-only. ` +
          "Start the server with --admin-token <token> (or ADMIN_TOKENS) and send 'Authorization: Bearer <token>'.",
        { headers: { "WWW-Authenticate": CHALLENGE } },
      );
    }
    const token = bearerTokenOf(headers);
    if (this.#tokens.match(token) !== undefined) return;
    const invalid = token !== undefined && token !== "";
    throw new HttpError(
      401,
      "unauthorized",
      `Unauthorized: ${what} needs the operator credential (--admin-token); ` +
        `${invalid ? "the bearer token sent is not one" : "send 'Authorization: Bearer <token>'"}.`,
      { headers: { "WWW-Authenticate": invalid ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE } },
    );
  }
}
