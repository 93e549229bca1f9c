/**
 * The one interface every MCP transport serves its paths through. An endpoint says what each HTTP
 * method does on its path; the router (routes/router.ts) does what every route shares (Origin and
 * credentials, OPTIONS, 405, error answers), and the endpoint turns HTTP into JSON-RPC messages
 * for the Dispatcher, through an RpcContext of its own (a Session, a Celonis exchange, …).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../app-context.js";
import type { ErrorDialect } from "../errors.js";

/**
 * Serves one request that passed admission; `credential` is the index of the credential presented
 * (ANONYMOUS when auth is off). Throw (or reject with) an HttpError to answer an error; anything
 * else becomes a 500.
 */
export type EndpointAction = (
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  credential: number,
  path: string,
  query: string,
) => void | Promise<void>;

export interface Endpoint {
  /** Which error body the path speaks, and so which credential it takes (Celonis: bearer). */
  readonly dialect: ErrorDialect;
  /** The `Allow` value for a method it does not serve, and for OPTIONS. */
  readonly allow: string;
  readonly GET?: EndpointAction;
  readonly POST?: EndpointAction;
  readonly DELETE?: EndpointAction;
}
