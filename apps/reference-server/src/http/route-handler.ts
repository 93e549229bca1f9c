/**
 * How feature areas (the registry) plug HTTP routes into the app without the app knowing them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Handles the request and resolves `true`, or resolves `false` without touching `res` when the
 * path is not its own. `url` is the parsed request URL (already checked for Origin and auth).
 */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;
