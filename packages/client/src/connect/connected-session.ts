/**
 * The one session `connect` hands back, whatever the transport behind it: the MCP calls of
 * {@link McpSession}, plus what was found (era, transport, revision, server) and how.
 */
import type { DiscoverResult, Implementation, InitializeResult } from "@mcp-contract/api-types";
import type { Detection } from "../detect/detection-types.js";
import type { RequestOptions } from "../session-options.js";
import { McpSession } from "../session/mcp-session.js";
import type { McpTransport } from "../session/mcp-transport.js";
import { ModernTransport } from "../streamable/modern-transport.js";
import type { Subscription, SubscriptionFilter } from "../streamable/subscription.js";

/** Which protocol generation the session speaks. */
export type Era = "modern" | "legacy";

/** What `connect` found and opened. */
export interface ConnectionInfo {
  readonly era: Era;
  /** The revision in use: the one every modern request names, or the one `initialize` negotiated. */
  readonly protocolVersion: string;
  /** The server's identity, from `server/discover` or `initialize`, when it gave one. */
  readonly serverInfo: Implementation | undefined;
  /** `server/discover`'s answer (modern). */
  readonly discoverResult: DiscoverResult | undefined;
  /** `initialize`'s answer (legacy). */
  readonly initializeResult: InitializeResult | undefined;
  /** The detection that chose the transport; undefined when the era was forced. */
  readonly detection: Detection | undefined;
}

export class ConnectedSession extends McpSession<McpTransport> {
  readonly info: ConnectionInfo;

  constructor(transport: McpTransport, info: ConnectionInfo) {
    super(transport);
    this.info = info;
  }

  get era(): Era {
    return this.info.era;
  }

  override get initializeResult(): InitializeResult | undefined {
    return this.info.initializeResult ?? super.initializeResult;
  }

  /**
   * Opens a `subscriptions/listen` stream (2026-07-28 only). Legacy servers send change
   * notifications unasked: listen to the `notification` event instead.
   */
  listen(filter: SubscriptionFilter, options: RequestOptions = {}): Promise<Subscription> {
    if (!(this.transport instanceof ModernTransport)) {
      return Promise.reject(
        new TypeError(`subscriptions/listen is a 2026-07-28 method; this ${this.transport.name} session gets change notifications as 'notification' events.`),
      );
    }
    return this.transport.listen(filter, options);
  }
}
