/**
 * What a check gets to work with: the target, the run's bounds, sessions and requests that are
 * tracked (closed when the check ends, whatever happens), the run-wide observer, and evidence
 * builders that redact credentials.
 */
import { setMaxListeners } from "node:events";
import type { Check } from "../check.js";
import { CheckStop, fail } from "../check.js";
import type { Evidence, Profile } from "../report/model.js";
import { exchange, type Exchange } from "../wire/http-exchange.js";
import { SseConnection } from "../wire/sse-connection.js";
import { openSession, type OpenedSession, type OpenSessionOptions } from "../session/open-session.js";
import type { Session, SessionEnv } from "../session/session.js";
import { listAllTools } from "../protocol/list-tools.js";
import { profileFromEndpoint } from "./profile.js";
import type { EvidenceBuilder } from "./evidence.js";
import type { ObservedMessage, RunState, ToolDiscovery } from "./run-state.js";
import type { ResolvedTarget } from "../target/target.js";
import type { ToolChoice } from "../protocol/safe-tool.js";

/** The run's settings, as checks see them. */
export interface RunSettings {
  readonly sseUrl: URL;
  /** Sent with every request: the user's --header values and --bearer. */
  readonly headers: Readonly<Record<string, string>>;
  /** Names (lower case) of the headers in `headers` that carry credentials. */
  readonly credentialHeaders: readonly string[];
  readonly timeoutMs: number;
  readonly keepaliveWaitMs?: number | undefined;
  readonly rateLimit?: number | undefined;
  /** The tool the user allows the runner to call (`--tool`, `--tool-args`); otherwise only read-only ones. */
  readonly tool?: ToolChoice | undefined;
  /**
   * A tool the user says needs a client capability (`--capability-tool`): the only tool
   * `modern-missing-client-capability` calls, once without any capability and once with the ones
   * the server names. No revision lets a server mark such a tool, so the runner never guesses one.
   */
  readonly capabilityTool?: ToolChoice | undefined;
  /** The registry base URL (`--registry`); the `registry` checks are skipped without it. */
  readonly registryUrl?: URL | undefined;
  /** The registry's operator credential (`--registry-token`), sent as a Bearer token on registry calls only. */
  readonly registryToken?: string | undefined;
}

export class CheckContext {
  readonly #disposers: (() => void)[] = [];
  readonly #env: SessionEnv;

  constructor(
    readonly check: Check,
    readonly settings: RunSettings,
    readonly state: RunState,
    readonly evidence: EvidenceBuilder,
    /** Aborted when the check's or the run's time bound passes. */
    readonly signal: AbortSignal,
  ) {
    // Every pending wait listens on this signal; 50 concurrent requests are expected, not a leak.
    setMaxListeners(0, signal);
    this.#env = {
      headers: settings.headers,
      timeoutMs: settings.timeoutMs,
      signal,
      observe: (value, source) => state.observe(value, source, check.id),
      observeInvalid: (data, problem) => state.observeInvalid(data, problem, check.id),
    };
  }

  get sseUrl(): URL {
    return this.settings.sseUrl;
  }

  get timeoutMs(): number {
    return this.settings.timeoutMs;
  }

  get profile(): Profile {
    return this.state.profile;
  }

  /** Every message the run has seen so far, this check's included. */
  get observed(): readonly ObservedMessage[] {
    return this.state.observed;
  }

  /** The session environment, for a check that needs other headers or a shorter wait. */
  sessionEnv(overrides: Partial<Pick<SessionEnv, "headers" | "timeoutMs">> = {}): SessionEnv {
    return { ...this.#env, ...overrides };
  }

  /** Opens a session (tracked); the result says what went wrong if it did not open. */
  async tryOpenSession(options: OpenSessionOptions & { url?: URL } = {}): Promise<OpenedSession> {
    const opened = await openSession(options.url ?? this.sseUrl, this.#env, options);
    const stream = "session" in opened ? opened.session.stream : opened.stream;
    this.#disposers.push(() => ("session" in opened ? opened.session.close() : opened.stream.close()));
    if ("session" in opened) this.noteEndpoint(opened.session.endpoint.data);
    else if (stream.events[0]?.event === "endpoint") this.noteEndpoint(stream.events[0].data);
    return opened;
  }

  /** Opens a session (tracked), or stops the check as failed with the stream as evidence. */
  async openSession(options: OpenSessionOptions & { url?: URL } = {}): Promise<Session> {
    const opened = await this.tryOpenSession(options);
    if ("session" in opened) return opened.session;
    const evidence = opened.initialize ? this.evidence.exchange(opened.initialize.exchange) : this.evidence.stream(opened.stream);
    throw new CheckStop(fail(`could not open a session: ${opened.problem}`, evidence));
  }

  /** Opens a raw event stream (tracked) without waiting for anything. */
  openStream(options: { url?: URL; headers?: Readonly<Record<string, string>> } = {}): SseConnection {
    const stream = SseConnection.open({ url: options.url ?? this.sseUrl, headers: options.headers ?? this.settings.headers });
    this.#disposers.push(() => stream.close());
    return stream;
  }

  /** One HTTP request with the run's headers (unless `replaceHeaders`), bounded by the wait timeout. */
  http(request: {
    method: string;
    url: URL | string;
    headers?: Readonly<Record<string, string>>;
    replaceHeaders?: Readonly<Record<string, string>>;
    body?: string | Buffer;
    timeoutMs?: number;
  }): Promise<Exchange> {
    return exchange({
      method: request.method,
      url: request.url,
      headers: { ...(request.replaceHeaders ?? this.settings.headers), ...request.headers },
      body: request.body,
      timeoutMs: request.timeoutMs ?? this.timeoutMs,
      signal: this.signal,
    });
  }

  /** The server's tools, listed once per run over every page, through an initialized session. */
  discoverTools(): Promise<ToolDiscovery> {
    this.state.tools ??= (async (): Promise<ToolDiscovery> => {
      const opened = await openSession(this.sseUrl, this.#env, { initialize: true });
      if (!("session" in opened)) {
        opened.stream.close();
        return { problem: opened.problem };
      }
      try {
        const init = opened.initialize?.message;
        const capabilities = ((init && "result" in init ? init.result["capabilities"] : undefined) ?? {}) as Record<string, unknown>;
        const pages = await listAllTools(opened.session);
        return pages.problem ? { problem: pages.problem } : { tools: pages.tools, capabilities };
      } finally {
        opened.session.close();
      }
    })();
    return this.state.tools;
  }

  /** Runs `dispose` when the check ends, whatever happens (e.g. DELETE of a session it opened). */
  onDispose(dispose: () => void): void {
    this.#disposers.push(dispose);
  }

  /** What the run found is at the URL: the kinds its checks were chosen by. */
  get target(): ResolvedTarget {
    if (!this.state.target) throw new Error("the target is resolved before any check runs");
    return this.state.target;
  }

  /** Stops the check as failed. */
  stop(message: string, evidence?: Evidence): never {
    throw new CheckStop(fail(message, evidence));
  }

  /** Closes everything the check opened. */
  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
  }

  private noteEndpoint(data: string): void {
    if (this.state.endpointData !== undefined) return;
    this.state.endpointData = data;
    if (this.state.profileSource === "default") {
      const detected = profileFromEndpoint(data, this.sseUrl);
      if (detected) {
        this.state.profile = detected;
        this.state.profileSource = "endpoint-event";
      }
    }
  }
}
