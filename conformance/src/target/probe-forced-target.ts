/**
 * A Streamable HTTP target the options name (`--era modern`, `--transport streamable-http --era
 * legacy`) is not detected, but one stateless request still tells whether anything answers: a
 * modern `server/discover`, which servers of every era answer at once (a result, a modern error,
 * a 2025 server's 4xx) and which opens no session. What it answers is left to the checks; only a
 * root cause every check would meet the same way stops the run: nothing answered (a refused port,
 * DNS, TLS), a server silent within --timeout (no head, or a head and then not a byte), or a
 * request for credentials.
 * Without it, a silent server made each of ~16 modern checks wait out its own bound (80 s).
 */
import { discoverRequest, MODERN_PROTOCOL_VERSION } from "@mcp-contract/client/detect";
import { toolVersion } from "../version.js";
import { exchange } from "../wire/http-exchange.js";
import { AUTH_STATUSES, authNextStep, SILENT_SERVER_NEXT_STEP } from "./next-steps.js";
import type { UncheckableTarget } from "./target.js";

export interface ForcedTargetProbe {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** The credential headers among `headers` (lower case), to tell "none given" from "refused". */
  readonly credentialHeaders: readonly string[];
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** The probe's step line when the checks may go on, or the one root cause when they may not. */
export async function probeForcedTarget(probe: ForcedTargetProbe): Promise<{ readonly step: string } | UncheckableTarget> {
  const { headers, body } = discoverRequest({
    url: probe.url,
    headers: new Headers(probe.headers),
    protocolVersion: MODERN_PROTOCOL_VERSION,
    clientInfo: { name: "mcp-contract", version: toolVersion() },
  });
  const seen = await exchange({
    method: "POST",
    url: probe.url,
    headers: Object.fromEntries(headers),
    body: JSON.stringify(body),
    timeoutMs: probe.timeoutMs,
    signal: probe.signal,
    maxBodyBytes: 4096,
  });
  const request = `POST server/discover`;
  const response = seen.response;
  const head = response ? `${response.status}${response.headers["content-type"] ? ` ${response.headers["content-type"]}` : ""}` : undefined;
  const line = (answer: string, verdict: string): string => `reachable: ${request} → ${answer} (${verdict})`;
  if (probe.signal.aborted) {
    return { couldNotRun: "aborted", summary: `${request} to ${probe.url.href} got no answer before the run's deadline`, steps: [line(head ?? "no answer", "the run's deadline passed")] };
  }
  // A head and then not one byte is silence too; bytes still flowing (a flood, a slow stream) are
  // an answer, whose reading the checks bound and judge.
  const stalled = response !== undefined && response.bodyBytes === 0 && seen.error?.startsWith("response body not finished") === true;
  if (!response || stalled) {
    const what = seen.error ?? "no answer";
    const answer = head ? `${head}, then ${what}` : what;
    const silent = !seen.error?.startsWith("request failed");
    return {
      couldNotRun: "network",
      summary: `${silent ? "Connected, but nothing finished answering" : "Nothing answered"} ${request} at ${probe.url.href}: ${answer}`,
      steps: [line(answer, "no answer")],
      nextStep: silent ? SILENT_SERVER_NEXT_STEP : "check the URL and that the server is running",
    };
  }
  if (AUTH_STATUSES.has(response.status)) {
    const given = [...new Set(probe.credentialHeaders)].join(", ");
    return {
      couldNotRun: "auth",
      summary: `${request} to ${probe.url.href} answered ${response.status}: ${given ? "the server refused the credentials given" : "the server wants credentials"}`,
      steps: [line(head ?? String(response.status), "credentials")],
      nextStep: authNextStep(response.status, probe.credentialHeaders),
    };
  }
  return { step: line(head ?? String(response.status), "something answers; what it answered is the checks' to judge") };
}
