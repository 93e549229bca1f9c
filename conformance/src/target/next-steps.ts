/**
 * The advice a "could not run" gives for causes more than one probe meets (the dialect stream
 * GET, the forced-era server/discover POST, detection's own stop): one wording per cause, so the
 * same situation reads the same whichever way the run found it.
 */

/** Statuses that ask for credentials: the server's (401, 403) or a proxy's (407). */
export const AUTH_STATUSES: ReadonlySet<number> = new Set([401, 403, 407]);

/** For a connection that was accepted and then left unanswered within --timeout. */
export const SILENT_SERVER_NEXT_STEP = "check that the port is the MCP server's and the server's log; a server this slow needs a larger --timeout";

/** For an answer in AUTH_STATUSES, given the credential headers the run sent (lower case). */
export function authNextStep(status: number, credentialHeaders: readonly string[]): string {
  if (credentialHeaders.length === 0) {
    return status === 407 ? "a proxy wants credentials: pass them with --header 'Proxy-Authorization: …'" : "pass --bearer <token> or --header 'X-API-Key: …' (whichever the server expects)";
  }
  const given = [...new Set(credentialHeaders)].join(", ");
  return status === 403 ? `check the credentials given (${given}) and that they may use this endpoint` : `check the credentials given (${given}): the value, and the header the server reads them from`;
}
