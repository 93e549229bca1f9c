/**
 * The registry as a ToolSource: on the SSE dialects every registered server's tools, named
 * `<server_name>__<tool>` so two servers never collide; on a Celonis asset endpoint exactly one
 * server's tools under their own names. Calls are proxied to the upstream.
 */
import type { CallToolResult, Tool } from "@mcp-contract/api-types";
import { InvalidToolArgumentsError, type ToolCallContext, type ToolScope, type ToolSource } from "../tools/tool-source.js";
import { HttpError } from "../errors.js";
import type { RegistryLogger } from "./logger.js";
import type { RegistryService } from "./registry-service.js";
import type { ServerStore } from "./server-store.js";
import { secretsOf } from "./stored-server.js";
import { exposedName, type StoredTool, type ToolStore } from "./tool-store.js";
import { UpstreamFailure } from "./upstream-failure.js";
import type { ToolListChanges } from "../tools/tool-list-changes.js";

export function createRegistryToolSource(
  service: RegistryService,
  servers: ServerStore,
  tools: ToolStore,
  logger: RegistryLogger,
  /** Whether the app made every MCP caller prove a credential (only then are stored secrets lent). */
  callersAuthenticated: boolean,
  /** What the service announces after writes that change tools. */
  changes: ToolListChanges,
): ToolSource {
  /** The tools visible in `scope` under the names the session sees, in a stable order. */
  function visible(scope: ToolScope): { name: string; tool: StoredTool }[] {
    if (scope.kind === "asset") {
      if (!servers.get(scope.assetId)) return [];
      return tools.list(scope.assetId).map((tool) => ({ name: tool.definition.name, tool }));
    }
    const seen = new Set<string>();
    const listed: { name: string; tool: StoredTool }[] = [];
    for (const tool of tools.all()) {
      const name = exposedName(tool.server_name, tool.definition.name);
      // Server names may contain "__", so two pairs can still spell one name; the first wins.
      if (seen.has(name)) continue;
      seen.add(name);
      listed.push({ name, tool });
    }
    return listed;
  }

  return {
    changes,
    hasAsset: (assetId) => servers.get(assetId) !== undefined,

    listTools: (scope): Tool[] => visible(scope).map(({ name, tool }) => ({ ...tool.definition, name })),

    async callTool(
      scope: ToolScope,
      name: string,
      args: Record<string, unknown>,
      context: ToolCallContext,
    ): Promise<CallToolResult | undefined> {
      const found = visible(scope).find((entry) => entry.name === name)?.tool;
      if (!found) return undefined;
      const failures = service.checkArguments(found, args);
      const first = failures[0];
      if (first) {
        throw new InvalidToolArgumentsError(
          `Invalid arguments for tool '${name}': ${failures.map((f) => `${f.field} ${f.message}`).join("; ")}`,
          first.field,
        );
      }
      const server = servers.get(found.mcp_server_id);
      if (!server) return undefined;
      if (!callersAuthenticated && secretsOf(server).length > 0) {
        // An anonymous caller must not act with the operator's stored credential (issue 11, finding 3).
        return {
          content: [
            {
              type: "text",
              text: `Tool '${name}' was not called: its server holds a stored credential, which the gateway lends only to authenticated callers. Configure --api-key, --bearer-token or --admin-token and call with one.`,
            },
          ],
          isError: true,
        };
      }
      try {
        return await service.callUpstream(server, found, args, {
          signal: context.signal,
          onprogress: ({ progress, total, message }) => context.reportProgress(progress, total, message),
        });
      } catch (error) {
        // An unreachable or failing upstream is the tool failing: the model reads why in the result.
        // So is a command the allowlist no longer permits (HttpError 403).
        if ((error instanceof UpstreamFailure || error instanceof HttpError) && !context.signal.aborted) {
          logger.warn(error instanceof UpstreamFailure ? error.logLine : error.message);
          return { content: [{ type: "text", text: error.message }], isError: true };
        }
        throw error;
      }
    },
  };
}
