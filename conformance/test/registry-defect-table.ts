/**
 * The registry fixture's defect cases: each names a defect and the registry checks it must fail,
 * and nothing else (coverage.test.ts checks every registry check is among them).
 */
import type { Expected } from "./expectations.js";
import type { RegistryDefect } from "./fixtures/registry-fixture.js";

export const REGISTRY_CASES: readonly (readonly [RegistryDefect, Expected])[] = [
  // A secret in clear also breaks the spec's RedactedSecret schema.
  ["leaks-auth-token", { failed: ["registry-secrets-redacted", "registry-responses-valid"] }],
  ["echoes-secret-in-422", { failed: ["registry-secrets-redacted"] }],
  ["keeps-deleted-servers", { failed: ["registry-crud-round-trip"] }],
  ["tools-of-unknown-id-200", { failed: ["registry-unknown-id-404"] }],
  ["no-409", { failed: ["registry-duplicate-name-409"] }],
  ["422-without-field", { failed: ["registry-invalid-body-422"] }],
  // 500 is not a documented status of createMcpServer.
  ["500-on-text-plain", { failed: ["registry-content-type-415", "registry-responses-valid"] }],
  ["refresh-swallows-errors", { failed: ["registry-refresh-unreachable-502"] }],
  ["bad-timestamps", { failed: ["registry-responses-valid"] }],
  ["list-ignores-after", { failed: ["registry-crud-round-trip"] }],
  // A 403 that does not name /server_url is no upstream-host refusal: the checks that create probes fail.
  ["refuses-loopback-bare-403", { failed: ["registry-crud-round-trip", "registry-duplicate-name-409", "registry-secrets-redacted", "registry-refresh-unreachable-502"] }],
];
