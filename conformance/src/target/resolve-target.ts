/**
 * Finds out what the target is before any check runs: a forced `--transport`/`--era`, the URL of
 * a known HTTP+SSE dialect (Spice `/v1/mcp/sse`, OpenSearch `/_plugins/_ml/mcp/sse`, a Celonis
 * asset path, which is asked whether it speaks 2026-07-28 too) once one GET shows a stream answers
 * there, or else the specification's own client rules, through the one detector the client uses
 * (`@mcp-contract/client/detect`). A root cause that would fail every check (nothing
 * answers, the server wants credentials, not MCP) makes the target uncheckable.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility
 */
import { detectEra, type Detection, type DetectedServer, type ProbeStep } from "@mcp-contract/client/detect";
import { profileFromUrl } from "../run/profile.js";
import { SILENT_SERVER_NEXT_STEP } from "./next-steps.js";
import { probeForcedTarget } from "./probe-forced-target.js";
import { probeStreamPath } from "./probe-stream-path.js";
import type { ResolvedTarget, TargetKind, UncheckableTarget } from "./target.js";

/** What the user forced: `--transport` and `--era` (either may be left to detection). */
export interface TargetChoice {
  readonly transport: "auto" | "http+sse" | "streamable-http";
  readonly era: "auto" | "legacy" | "modern";
}

export interface ResolveOptions {
  readonly url: URL;
  readonly choice: TargetChoice;
  readonly headers: Readonly<Record<string, string>>;
  /** Which of `headers` are credentials (lower case): a refusal then means "check them", not "give some". */
  readonly credentialHeaders?: readonly string[] | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /**
   * Whether any check of the run talks to the endpoint (default true). A run of registry checks
   * alone does not: a dialect's stream path is then taken as it is, without the probing GET.
   */
  readonly endpointUsed?: boolean | undefined;
}

const STOP_CAUSE: Record<NonNullable<Detection["stop"]>, UncheckableTarget["couldNotRun"]> = {
  network: "network",
  // Connected, but the first request went unanswered: no exchange of any check would fare better.
  timeout: "network",
  auth: "auth",
  aborted: "aborted",
  unrecognised: "not-mcp",
};

export async function resolveTarget(options: ResolveOptions): Promise<ResolvedTarget | UncheckableTarget> {
  const forced = forcedTarget(options.choice);
  if (forced?.transport === "streamable-http") {
    // Forced, so not detected; but a target nothing answers at is one cause, not every check's.
    const probed = await probeForcedTarget({
      url: options.url,
      headers: options.headers,
      credentialHeaders: options.credentialHeaders ?? [],
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    return "couldNotRun" in probed ? probed : { ...forced, steps: [probed.step] };
  }
  if (forced) return forced;
  const dialect = profileFromUrl(options.url);
  const postsOnStreamPath = dialect !== undefined && POSTS_ON_STREAM_PATH.includes(dialect);
  if (dialect && (postsOnStreamPath || (options.choice.transport === "auto" && options.choice.era === "auto"))) {
    // A run of registry checks alone takes the path as it is: none of its checks talks to it.
    if (options.endpointUsed === false) return streamPathTarget(options.url, dialect, []);
    // The path says HTTP+SSE; one GET says whether anything there answers like a stream at all.
    const probed = await probeStreamPath({
      url: options.url,
      profile: dialect,
      headers: options.headers,
      credentialHeaders: options.credentialHeaders ?? [],
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if ("couldNotRun" in probed) return probed;
    const sse = streamPathTarget(options.url, dialect, [probed.step]);
    if (!postsOnStreamPath) return sse;
    const target = await alsoModern(sse, options);
    return "couldNotRun" in target ? target : narrowed(target, options.choice);
  }
  const detection = await detectEra(options.url.href, {
    headers: options.headers,
    // Each step is one exchange; a stream's first event may take as long as any other wait.
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const steps = detection.trace.map(stepLine);
  const summary = withoutSteps(detection.summary);
  const server = detection.server;
  if (!server) {
    // "nothing answered" names no reason; the step that met it does (a refused port, DNS, TLS).
    const named = detection.stop === "network" || detection.stop === "timeout";
    const failure = named ? detection.trace.at(-1)?.failure?.replace(/^fetch failed: /, "") : undefined;
    return {
      couldNotRun: STOP_CAUSE[detection.stop ?? "unrecognised"],
      summary: failure ? `${summary}: ${failure}` : summary,
      steps,
      ...(detection.stop === "timeout" && { nextStep: SILENT_SERVER_NEXT_STEP }),
    };
  }
  // A dual-era server's legacy half keeps no session of the detection's, so its initialize step shows whether it assigns one.
  const initialize = detection.trace.find((step) => step.name === "initialize" && step.status === 200);
  const target = targetOf(server, summary, steps, initialize ? initialize.headers["mcp-session-id"] !== undefined : undefined);
  return narrowed(target, options.choice);
}

/** An HTTP+SSE target known from its dialect's stream path (and the GET that probed it). */
function streamPathTarget(url: URL, dialect: string, steps: readonly string[]): ResolvedTarget {
  return {
    transport: "http+sse",
    kinds: ["http+sse"],
    source: "url",
    summary: `an HTTP+SSE (2024-11-05) endpoint: ${url.pathname} is a ${dialect} stream path`,
    steps,
    protocolVersions: [],
  };
}

/**
 * The dialects whose HTTP+SSE stream path is also where POSTs go without a session (Celonis: GET
 * and POST on the asset path), so the same URL may speak 2026-07-28 Streamable HTTP too. Spice
 * and OpenSearch post to another path with a sessionId: their stream paths are HTTP+SSE only.
 */
const POSTS_ON_STREAM_PATH: readonly string[] = ["celonis"];

/**
 * The HTTP+SSE target the URL names, and modern (2026-07-28) too when a `server/discover` there
 * proves it (a result, or a recognised modern error: never a bare 2xx), by the detector's own
 * first step and nothing more. Nothing answering, or credentials wanted, is the one root cause.
 */
async function alsoModern(sse: ResolvedTarget, options: ResolveOptions): Promise<ResolvedTarget | UncheckableTarget> {
  const detection = await detectEra(options.url.href, {
    headers: options.headers,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    // Its older transport is known from the path: only the modern question is asked.
    probeDualEra: false,
    probeLegacy: false,
  });
  const steps = [...sse.steps, ...detection.trace.map(stepLine)];
  const server = detection.server;
  if (server?.transport === "streamable-http" && server.era === "modern") {
    return {
      ...sse,
      kinds: ["http+sse", "modern"],
      summary: `${sse.summary}, and a modern Streamable HTTP server (${server.supportedVersions.join(", ") || "versions not listed"}) on the same path: server/discover was answered as 2026-07-28 defines`,
      steps,
      protocolVersions: server.supportedVersions,
    };
  }
  // The stream GET was answered, so a POST left unanswered is the checks' to report, not a root cause.
  if (detection.stop !== undefined && detection.stop !== "unrecognised" && detection.stop !== "timeout") {
    return { couldNotRun: STOP_CAUSE[detection.stop], summary: withoutSteps(detection.summary), steps };
  }
  return { ...sse, summary: `${sse.summary}; not also a modern Streamable HTTP server (server/discover was not answered as 2026-07-28 defines)`, steps };
}

/** A fully forced choice needs no probing; a partial one is applied after detection. */
function forcedTarget(choice: TargetChoice): ResolvedTarget | undefined {
  const option = (kinds: TargetKind[], transport: ResolvedTarget["transport"], what: string): ResolvedTarget => ({
    transport,
    kinds,
    source: "option",
    summary: `${what} (as the options say; not detected)`,
    steps: [],
    protocolVersions: [],
  });
  if (choice.transport === "http+sse") return option(["http+sse"], "http+sse", "an HTTP+SSE (2024-11-05) endpoint");
  if (choice.era === "modern") return option(["modern"], "streamable-http", "a modern (2026-07-28) Streamable HTTP server");
  if (choice.transport === "streamable-http" && choice.era === "legacy") {
    return option(["stateful"], "streamable-http", "a 2025 Streamable HTTP server");
  }
  return undefined;
}

function targetOf(server: DetectedServer, summary: string, steps: readonly string[], legacySession: boolean | undefined): ResolvedTarget {
  if (server.transport === "http+sse") {
    return { transport: "http+sse", kinds: ["http+sse"], source: "detected", summary, steps, protocolVersions: [] };
  }
  if (server.era === "legacy") {
    const kind: TargetKind = server.sessionId === undefined ? "stateless" : "stateful";
    return { transport: "streamable-http", kinds: [kind], source: "detected", summary, steps, protocolVersions: [server.protocolVersion] };
  }
  // A dual-era server's legacy half is stateless when its initialize answer named no session
  // (2025 makes sessions a MAY); when that is not known, the stateful checks apply.
  const kinds: TargetKind[] = server.dualEra ? ["modern", legacySession === false ? "stateless" : "stateful"] : ["modern"];
  const versions = [...server.supportedVersions, ...(server.legacyProtocolVersion ? [server.legacyProtocolVersion] : [])];
  return { transport: "streamable-http", kinds, source: "detected", summary, steps, protocolVersions: versions };
}

/** `--transport streamable-http` alone, or `--era legacy` alone: keep what detection found of that kind. */
function narrowed(target: ResolvedTarget, choice: TargetChoice): ResolvedTarget | UncheckableTarget {
  if (choice.transport === "auto" && choice.era === "auto") return target;
  const wanted = target.kinds.filter((kind) =>
    choice.era === "legacy" ? kind !== "modern" && (choice.transport !== "streamable-http" || kind !== "http+sse") : kind !== "http+sse",
  );
  if (wanted.length === 0) {
    const asked = [choice.transport !== "auto" ? `--transport ${choice.transport}` : "", choice.era !== "auto" ? `--era ${choice.era}` : ""].filter(Boolean).join(" ");
    return { couldNotRun: "not-mcp", summary: `${asked} was asked for, but detection found ${target.summary}`, steps: target.steps };
  }
  return { ...target, kinds: wanted, transport: wanted.includes("http+sse") ? "http+sse" : "streamable-http" };
}

/** The detector's summary ends by listing the steps; the report keeps them apart, one per line. */
function withoutSteps(summary: string): string {
  return summary.replace(/\s+(?:Steps|Tried): .*$/s, "").replace(/[.:;]$/, "");
}

function stepLine(step: ProbeStep): string {
  const request = `${step.request.method}${step.request.rpcMethod ? ` ${step.request.rpcMethod}` : ""}`;
  const answer = step.status === undefined ? (step.failure ?? "no answer") : `${step.status}${step.headers["content-type"] ? ` ${step.headers["content-type"]}` : ""}`;
  return `${step.name}: ${request} → ${answer} (${step.verdict})`;
}
