/**
 * A URL whose path names a dialect's HTTP+SSE stream (Spice `/v1/mcp/sse`, OpenSearch
 * `/_plugins/_ml/mcp/sse`, a Celonis asset) is taken to be that stream only once its GET shows
 * something there answers like one. A closed port, a host that does not resolve, a TLS failure,
 * a request for credentials or an answer that is not an event stream would fail every check the
 * same way, so each is one "could not run", with the evidence and the next step.
 *
 * What stays a check's to judge is kept for the checks: a stream sent with the wrong Content-Type
 * whose first event is still `endpoint` (sse-response-headers fails it), and a stream whose head
 * came but whose events do not (every check then says where it met the silence). A server that
 * accepts the connection and sends nothing at all is one cause, as on Streamable HTTP.
 * The stream the GET opens is closed at once, so a real server keeps no session of the probe.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import type { Profile } from "../report/model.js";
import { headerValue } from "../wire/http-exchange.js";
import { SseConnection } from "../wire/sse-connection.js";
import { AUTH_STATUSES, authNextStep, SILENT_SERVER_NEXT_STEP } from "./next-steps.js";
import type { UncheckableTarget } from "./target.js";

export interface StreamPathProbe {
  readonly url: URL;
  /** The dialect the path names, for the path it expects. */
  readonly profile: Profile;
  readonly headers: Readonly<Record<string, string>>;
  /** The credential headers among `headers` (lower case), to tell "none given" from "refused". */
  readonly credentialHeaders: readonly string[];
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** The probe's step line when the checks may go on, or the one root cause when they may not. */
export type StreamPathVerdict = { readonly step: string } | UncheckableTarget;

const STREAM_PATHS: Record<Profile, string> = {
  spice: "/v1/mcp/sse",
  opensearch: "/_plugins/_ml/mcp/sse",
  celonis: "/studio-copilot/api/v1/mcp-servers/mcp/<asset id>",
  generic: "the server's SSE path",
};

export async function probeStreamPath(probe: StreamPathProbe): Promise<StreamPathVerdict> {
  const stream = SseConnection.open({ url: probe.url, headers: probe.headers });
  try {
    return await verdictOf(stream, probe);
  } finally {
    stream.close();
  }
}

async function verdictOf(stream: SseConnection, probe: StreamPathProbe): Promise<StreamPathVerdict> {
  const get = `GET ${probe.url.href}`;
  const line = (answer: string, verdict: string): string => `stream-get: GET → ${answer} (${verdict})`;
  if (!(await stream.waitForHeaders(probe.timeoutMs, probe.signal))) {
    if (probe.signal.aborted) {
      return { couldNotRun: "aborted", summary: `${get} got no answer before the run's deadline`, steps: [line("no answer", "the run's deadline passed")] };
    }
    const error = stream.requestError;
    if (error === undefined) {
      // Connected but silent: every check would wait out its bound on the same silence.
      return {
        couldNotRun: "network",
        summary: `Connected, but nothing answered ${get} in ${probe.timeoutMs} ms`,
        steps: [line(`no answer in ${probe.timeoutMs} ms`, "connected, then silence")],
        nextStep: SILENT_SERVER_NEXT_STEP,
      };
    }
    const reason = errorReason(error);
    return { couldNotRun: "network", summary: `Nothing answered ${get}: ${reason}`, steps: [line(reason, "no answer")], nextStep: networkNextStep(error, probe.url) };
  }
  const status = stream.status ?? 0;
  const type = headerValue(stream.headers, "content-type");
  const answer = `${status}${type ? ` ${type}` : ""}`;
  if (AUTH_STATUSES.has(status)) {
    const challenge = headerValue(stream.headers, "www-authenticate");
    const what = probe.credentialHeaders.length === 0 ? "the server wants credentials" : "the server refused the credentials given";
    return {
      couldNotRun: "auth",
      summary: `${get} answered ${status}${challenge ? ` (WWW-Authenticate: ${challenge})` : ""}: ${what}`,
      steps: [line(answer, what)],
      nextStep: authNextStep(status, probe.credentialHeaders),
    };
  }
  if (type?.toLowerCase().startsWith("text/event-stream")) return { step: line(answer, `an event stream at the ${probe.profile} stream path`) };
  // The wrong Content-Type on a real stream is the checks' to report; anything else is no stream.
  const first = await stream.waitForEvent(() => true, probe.timeoutMs, { signal: probe.signal });
  if (first?.event === "endpoint") return { step: line(answer, "not labelled an event stream, but its first event is endpoint; the checks go on") };
  const body = excerpt(stream.raw());
  return {
    couldNotRun: "not-mcp",
    summary: `${get} answered ${answer}${body ? `: ${body}` : ""}, not an event stream`,
    steps: [line(answer, "not an event stream")],
    nextStep: notStreamNextStep(status, type, probe),
  };
}

function networkNextStep(error: NodeJS.ErrnoException, url: URL): string {
  const code = error.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host name ${url.hostname} does not resolve: check the host in the URL`;
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO/.test(code) || /certificate|ssl|tls/i.test(error.message)) {
    return "TLS failed: if the server speaks plain HTTP on this port use http://, and if its certificate is your own, trust it with NODE_EXTRA_CA_CERTS=<ca.pem>";
  }
  if (code === "ECONNRESET" || /socket hang up/.test(error.message)) return "the connection was dropped before any answer: check the port is the MCP server's, and the server's log";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "ETIMEDOUT") return "the host cannot be reached: check the URL, the network and any proxy or firewall between";
  return "check the URL and that the server is running";
}

/**
 * One line for a request error: node's message (OpenSSL's are several lines of library detail,
 * of which the reason is the part a user can act on) and its code.
 */
function errorReason(error: NodeJS.ErrnoException): string {
  const openssl = /error:[0-9A-F]+:[^:]*:[^:]*:([^:\n]+)/.exec(error.message)?.[1];
  const message = openssl ? `TLS: ${openssl}` : (error.message.split("\n")[0] ?? error.message).trim();
  return `${message}${error.code && !message.includes(error.code) ? ` (${error.code})` : ""}`;
}

function notStreamNextStep(status: number, type: string | undefined, probe: StreamPathProbe): string {
  if (status === 404) {
    return probe.profile === "celonis"
      ? "nothing is served there: check the asset id in the URL, and that your token may see that asset"
      : `nothing is served there: check the URL's path (${probe.profile} streams are at ${STREAM_PATHS[probe.profile]})`;
  }
  if (status >= 500) return `the server failed (${status}): see its log, then run again`;
  const what = type?.toLowerCase().startsWith("text/html") ? "this URL answers text/html" : `this URL answers ${type ?? "with no Content-Type"}`;
  return `${what}: is it the MCP endpoint? A Streamable HTTP server here is checked with --transport streamable-http`;
}

/** The start of the body, on one line and quoted (control characters escaped), for the summary. */
function excerpt(raw: Buffer): string {
  const text = raw.subarray(0, 400).toString("utf8").replace(/\s+/g, " ").trim();
  if (text === "") return "";
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}
