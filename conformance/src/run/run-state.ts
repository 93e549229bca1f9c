/**
 * What one run shares between its checks: the profile (which the endpoint event can still
 * refine), every JSON-RPC message any session saw (for the "every error seen" checks), and the
 * tool list, discovered once.
 */
import type { Tool } from "@mcp-contract/api-types";
import type { Evidence, Profile, Report } from "../report/model.js";
import type { MessageSource } from "../session/session.js";
import { messagesIn } from "../protocol/jsonrpc-shape.js";
import type { ResolvedTarget } from "../target/target.js";

/** One message a server sent, and which check's traffic it came in. */
export interface ObservedMessage {
  readonly value: unknown;
  readonly source: MessageSource;
  readonly checkId: string;
}

/** The tools the server lists (however many pages), or why they could not be listed. */
export type ToolDiscovery =
  | { readonly tools: readonly Tool[]; readonly capabilities: Record<string, unknown> }
  | { readonly problem: string };

/** One registry request of the run, judged against the registry spec when it was answered. */
export interface RegistryCallRecord {
  readonly operationId: string;
  /** How the response departs from the spec (undocumented status, wrong body), if it does. */
  readonly problem: string | undefined;
  readonly evidence: Evidence;
  readonly checkId: string;
}

/** Caps memory on servers that flood: the observer keeps the first messages only. */
const MAX_OBSERVED = 20_000;

export class RunState {
  profile: Profile;
  profileSource: Report["target"]["profileSource"];
  /** What is at the URL; set before any check runs. */
  target: ResolvedTarget | undefined;
  /** The data of the first endpoint event any session saw. */
  endpointData: string | undefined;
  readonly observed: ObservedMessage[] = [];
  /** `message` events whose data was not JSON-RPC, from any check's sessions. */
  readonly invalidStreamData: { readonly data: string; readonly problem: string; readonly checkId: string }[] = [];
  tools: Promise<ToolDiscovery> | undefined;
  /** Every registry request the checks made (the first 2000), for registry-responses-valid. */
  readonly registryCalls: RegistryCallRecord[] = [];

  constructor(profile: Profile, source: Report["target"]["profileSource"]) {
    this.profile = profile;
    this.profileSource = source;
  }

  observeInvalid(data: string, problem: string, checkId: string): void {
    if (this.invalidStreamData.length < 100) this.invalidStreamData.push({ data, problem, checkId });
  }

  observe(value: unknown, source: MessageSource, checkId: string): void {
    for (const item of messagesIn(value)) {
      if (this.observed.length < MAX_OBSERVED) this.observed.push({ value: item, source, checkId });
    }
  }
}
