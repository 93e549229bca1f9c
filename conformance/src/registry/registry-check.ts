/**
 * The shape every registry check shares: group `registry`, MUST level, skipped without
 * `--registry`, and a run that gets a RegistryClient and always cleans up after itself, even when
 * the check stops early. A probe server the registry would not delete fails the check: leaving
 * it behind silently would be worse than the finding.
 */
import { CheckStop, fail, notVerified, type Check, type Verdict } from "../check.js";
import type { CheckContext } from "../run/check-context.js";
import { RegistryClient, UNREACHABLE_SSE_URL, type RegistryCall } from "./registry-client.js";

export interface RegistryCheckSpec {
  readonly id: string;
  readonly title: string;
  readonly reference: string;
  readonly failureMeans: Check["failureMeans"];
  readonly remedy: Check["remedy"];
  readonly run: (ctx: CheckContext, registry: RegistryClient) => Promise<Verdict>;
}

/** A registry check from its id, title, reference and body. */
export function registryCheck(spec: RegistryCheckSpec): Check {
  return {
    id: spec.id,
    group: "registry",
    level: "MUST",
    title: spec.title,
    reference: spec.reference,
    failureMeans: spec.failureMeans,
    remedy: spec.remedy,
    profiles: "all",
    requires: [],
    skipUnless: (ctx) =>
      ctx.settings.registryUrl ? undefined : "registry checks run only with --registry <base-url> (the registry's base URL, e.g. http://127.0.0.1:8090)",
    async run(ctx) {
      const registry = new RegistryClient(ctx, ctx.settings.registryUrl as URL);
      let verdict: Verdict;
      try {
        verdict = await spec.run(ctx, registry);
      } catch (error) {
        if (!(error instanceof CheckStop)) {
          await registry.cleanup();
          throw error;
        }
        verdict = error.verdict;
      }
      const left = await registry.cleanup();
      if (left.length === 0) return verdict;
      return fail(`${verdict.message}; and the probe server(s) it created could not be deleted: ${left.join("; ")}`, "evidence" in verdict ? verdict.evidence : undefined);
    },
  };
}

/** Stops the check as failed unless the call's status is one of `wanted`. */
export function expectStatus(ctx: CheckContext, call: RegistryCall, wanted: readonly number[], what: string): void {
  if (call.status !== undefined && wanted.includes(call.status)) return;
  // A registry that refuses anonymous callers is doing right; what the call would show is unknown.
  if (call.status === 401 && ctx.settings.registryToken === undefined) {
    throw new CheckStop(notVerified(`${what}: the registry refuses callers without an operator credential (401); give --registry-token <operator token> to check it`));
  }
  // Refusing a loopback upstream is the SSRF guard the spec documents (RegistrationRefused), not a
  // defect: what the call would show is unknown until the operator allows the probe's host.
  const refusal = call.status === 403 && !wanted.includes(403) ? upstreamRefusal(call) : undefined;
  if (refusal !== undefined) {
    throw new CheckStop(
      notVerified(
        `${what}: 403, the registry refuses the probe's loopback upstream ${UNREACHABLE_SSE_URL} (its guard against internal hosts: right, not a defect); allow that host on the registry to check it (the reference server: --allow-upstream-host 127.0.0.1). It said: ${refusal}`,
      ),
    );
  }
  const seen = call.status ?? `no answer (${call.exchange.error ?? "none"})`;
  ctx.stop(`${what}: expected ${wanted.join(" or ")}, got ${seen}`, ctx.evidence.exchange(call.exchange));
}

/**
 * The registry's reason when a 403 is the documented refusal of the upstream host (an ApiError
 * whose `errors` name `/server_url`, as RegistrationRefused says), else undefined: a bare 403, or
 * one naming another field, is no such refusal and fails as usual.
 */
function upstreamRefusal(call: RegistryCall): string | undefined {
  const body = call.json;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { errors, detail } = body as Record<string, unknown>;
  if (!Array.isArray(errors)) return undefined;
  const named = errors.some((entry) => typeof entry === "object" && entry !== null && (entry as Record<string, unknown>)["field"] === "/server_url");
  if (!named) return undefined;
  return typeof detail === "string" && detail !== "" ? `"${detail.slice(0, 200)}"` : "errors name /server_url";
}

/** The call's JSON body as an object, or the check stops saying what it got instead. */
export function objectBody(ctx: CheckContext, call: RegistryCall, what: string): Record<string, unknown> {
  const body = call.json;
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  return ctx.stop(`${what}: the ${call.status} answer is not a JSON object`, ctx.evidence.exchange(call.exchange));
}

/** The call's JSON body as an array, or the check stops saying what it got instead. */
export function arrayBody(ctx: CheckContext, call: RegistryCall, what: string): Record<string, unknown>[] {
  if (Array.isArray(call.json)) return call.json as Record<string, unknown>[];
  return ctx.stop(`${what}: the ${call.status} answer is not a JSON array`, ctx.evidence.exchange(call.exchange));
}

/** Creates an SSE probe server pointing at nothing (it is never contacted unless refreshed) and returns its id. */
export async function createProbe(ctx: CheckContext, registry: RegistryClient, purpose: string, extra: Record<string, unknown> = {}): Promise<{ id: string; name: string; call: RegistryCall }> {
  const name = registry.uniqueName(purpose);
  const call = await registry.call("createMcpServer", { body: { server_name: name, mcp_server_type: "sse", server_url: UNREACHABLE_SSE_URL, ...extra } });
  expectStatus(ctx, call, [201], `creating the probe server ${name}`);
  const id = objectBody(ctx, call, `creating the probe server ${name}`)["id"];
  if (typeof id !== "string") ctx.stop(`creating the probe server ${name}: the 201 answer has no string id`, ctx.evidence.exchange(call.exchange));
  return { id, name, call };
}
