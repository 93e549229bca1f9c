/**
 * A correct server gets no failure and no warning, even under --strict, in every dialect: the
 * fixture server without a defect is the stand-in until the reference server runs in these tests.
 */
import { describe, expect, it } from "vitest";
import { problems, runAgainstFixture } from "./run-fixture.js";

describe("a correct fixture server", () => {
  it.each([
    ["spice", { dialect: "spice" }, {}],
    ["opensearch", { dialect: "opensearch" }, {}],
    ["opensearch with append_to_base_url", { dialect: "opensearch" }, { urlSuffix: "?append_to_base_url=true" }],
    ["celonis", { dialect: "celonis" }, {}],
    ["generic (SDK-style paths)", { dialect: "generic" }, {}],
  ] as const)("passes every check that applies (%s)", async (_, fixture, overrides) => {
    const report = await runAgainstFixture(fixture, { ...overrides, keepaliveWaitMs: 500 });
    expect(problems(report)).toEqual({});
    expect(report.outcome).toBe("pass");
    for (const skipped of report.results.filter((r) => r.status === "skipped")) expect(skipped.message).not.toBe("");
    expect(report.results.find((r) => r.id === "sse-keepalive")?.status).toBe("passed");
  });

  it("detects the dialect from the URL path", async () => {
    const report = await runAgainstFixture({ dialect: "celonis" }, { only: ["sse-response-headers"] });
    expect(report.target).toMatchObject({ profile: "celonis", profileSource: "url" });
  });

  it("passes security-auth-enforced when the server enforces the given API key", async () => {
    const report = await runAgainstFixture(
      { dialect: "spice", apiKey: "secret-key" },
      { headers: { "X-API-Key": "secret-key" }, credentialHeaders: ["x-api-key"] },
    );
    expect(problems(report)).toEqual({});
    expect(report.results.find((r) => r.id === "security-auth-enforced")?.status).toBe("passed");
    expect(JSON.stringify(report)).not.toContain("secret-key");
  });

  it("passes celonis-rate-limit-shape when the limit is answered with isError and retry guidance", async () => {
    const report = await runAgainstFixture({ dialect: "celonis", rateLimit: 5 }, { rateLimit: 5, only: ["celonis-rate-limit-shape"] });
    expect(problems(report)).toEqual({});
    expect(report.results.find((r) => r.id === "celonis-rate-limit-shape")?.status).toBe("passed");
  });
});
