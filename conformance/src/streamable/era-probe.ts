/**
 * One probe in each era a Streamable HTTP target speaks: modern (2026-07-28, stateless, with its
 * headers and `_meta`) and 2025 (in a session the probe opens). The verdicts are combined: the
 * first that is not a pass decides, naming its era; otherwise the passes are joined.
 */
import { LATEST_MODERN_PROTOCOL_VERSION, MCP_HEADER } from "@mcp-contract/api-types";
import { fail, observe, pass, skip, type Verdict } from "../check.js";
import type { CheckContext } from "../run/check-context.js";
import type { Exchange } from "../wire/http-exchange.js";
import { ACCEPT_BOTH, isObject, mediaType, modernMeta, openLegacy, type JsonObject } from "./streamable-exchange.js";

export type Era = "modern" | "2025";

/** How one POST of a probe differs from the era's usual request. */
export interface EraPostOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly runHeaders?: Readonly<Record<string, string>>;
}

/** How a probe talks to the target in one era. */
export interface EraChannel {
  readonly era: Era;
  /** For messages: `modern`, or `2025 (2025-11-25 session)`. */
  readonly label: string;
  /**
   * POSTs `message` with this era's headers: a string is sent as it is (with `method` as its
   * Mcp-Method on modern); an object gets the modern `_meta` in its params. Header overrides win;
   * undefined drops one. `runHeaders` replaces the run's own headers (--header, --bearer), to
   * send the request without the user's credentials or with wrong ones.
   */
  post(message: JsonObject | string, options?: EraPostOptions): Promise<Exchange>;
  /** This era's request headers (no body headers), for probes that send their own way. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The eras of the target, in the order probes run them. */
export function erasOf(ctx: CheckContext): Era[] {
  const kinds = ctx.target.kinds;
  return [...(kinds.includes("modern") ? (["modern"] as const) : []), ...(kinds.includes("stateful") || kinds.includes("stateless") ? (["2025"] as const) : [])];
}

/** Runs `probe` in every era of the target and combines the verdicts. */
export async function inEachEra(ctx: CheckContext, probe: (channel: EraChannel) => Promise<Verdict>): Promise<Verdict> {
  const verdicts: [string, Verdict][] = [];
  for (const era of erasOf(ctx)) {
    const channel = era === "modern" ? modernChannel(ctx) : await legacyChannel(ctx);
    if ("problem" in channel) return channel.problem;
    const verdict = await probe(channel);
    if (verdict.outcome === "fail" || verdict.outcome === "warn" || verdict.outcome === "not-verified" || verdict.outcome === "deviate") {
      return { ...verdict, message: `${channel.label}: ${verdict.message}` };
    }
    verdicts.push([channel.label, verdict]);
  }
  const message = verdicts.map(([label, v]) => `${label}: ${v.message}`).join("; ");
  const ran = verdicts.filter(([, v]) => v.outcome === "pass" || v.outcome === "observe");
  if (ran.length === 0) return skip(message || "no Streamable HTTP era to probe");
  const last = ran.at(-1)?.[1];
  const evidence = last && "evidence" in last ? last.evidence : undefined;
  // An INFO check's probes only observe; what was seen in each era is the observation.
  return ran.some(([, v]) => v.outcome === "observe") ? observe(message, evidence) : pass(message, evidence);
}

/**
 * `message` answered as an SSE stream if the server will: with the usual Accept first, then (if
 * that got JSON) asking for the stream alone. Undefined when the server never streams it.
 */
export async function streamedAnswer(channel: EraChannel, message: JsonObject): Promise<Exchange | undefined> {
  const usual = await channel.post(message);
  if (mediaType(usual) === "text/event-stream") return usual;
  if (usual.response?.status !== 200) return undefined;
  const asked = await channel.post(message, { headers: { Accept: "text/event-stream" } });
  return mediaType(asked) === "text/event-stream" ? asked : undefined;
}

function send(ctx: CheckContext, base: Record<string, string>, body: string, options: EraPostOptions): Promise<Exchange> {
  const all: Record<string, string> = { "Content-Type": "application/json", Accept: ACCEPT_BOTH, ...base };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete all[name];
    else all[name] = value;
  }
  return ctx.http({ method: "POST", url: ctx.sseUrl, headers: all, body, ...(options.runHeaders && { replaceHeaders: options.runHeaders }) });
}

/** The modern era's channel (stateless: nothing to open). */
export function modernChannel(ctx: CheckContext): EraChannel {
  const base = { [MCP_HEADER.PROTOCOL_VERSION]: LATEST_MODERN_PROTOCOL_VERSION };
  return {
    era: "modern",
    label: "modern",
    headers: base,
    post(message, options = {}) {
      const method = options.method ?? (typeof message === "string" ? "tools/list" : String(message["method"]));
      const body =
        typeof message === "string"
          ? message
          : JSON.stringify({ ...message, params: { ...(isObject(message["params"]) ? message["params"] : {}), _meta: modernMeta() } });
      return send(ctx, { ...base, [MCP_HEADER.METHOD]: method }, body, options);
    },
  };
}

async function legacyChannel(ctx: CheckContext): Promise<EraChannel | { problem: Verdict }> {
  const opened = await openLegacy(ctx);
  if ("problem" in opened) return { problem: fail(`2025: ${opened.problem}`, ctx.evidence.exchange(opened.exchange)) };
  const base = {
    [MCP_HEADER.PROTOCOL_VERSION]: opened.version,
    ...(opened.sessionId !== undefined && { [MCP_HEADER.SESSION_ID]: opened.sessionId }),
  };
  return {
    era: "2025",
    label: `2025 (${opened.version} session)`,
    headers: base,
    post: (message, options = {}) => send(ctx, base, typeof message === "string" ? message : JSON.stringify(message), options),
  };
}
