/**
 * The three ways the credential checks present the user's credentials (--bearer, or a --header
 * such as X-API-Key): left out, replaced by a wrong value, and as given, each with the status an
 * enforcing server answers. One place, so every transport's credential check varies them alike.
 */
import type { RunSettings } from "../../run/check-context.js";

/** One way of sending the run's headers, and the status it must get. */
export interface CredentialVariant {
  /** For messages: `without credentials`, `with wrong credentials`, `with the credentials`. */
  readonly label: string;
  /** The run's headers as this variant sends them (to be sent instead of the run's own). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expected: 200 | 401;
}

/** What replaces a credential's value: a bearer token stays a well-formed bearer token, so only its secret is wrong. */
export function wrongValue(value: string): string {
  return /^bearer /i.test(value) ? "Bearer mcp-contract-wrong-token" : "mcp-contract-wrong-value";
}

type CredentialSettings = Pick<RunSettings, "headers" | "credentialHeaders">;

const isCredentialOf =
  (settings: CredentialSettings) =>
  (name: string): boolean =>
    settings.credentialHeaders.includes(name.toLowerCase());

/** The run's headers with every credential left out (the user's other headers kept). */
export function withoutCredentials(settings: CredentialSettings): Record<string, string> {
  const isCredential = isCredentialOf(settings);
  return Object.fromEntries(Object.entries(settings.headers).filter(([name]) => !isCredential(name)));
}

/** The run's headers without its credentials, with wrong ones, and as given. */
export function credentialVariants(settings: CredentialSettings): readonly CredentialVariant[] {
  const isCredential = isCredentialOf(settings);
  return [
    { label: "without credentials", headers: withoutCredentials(settings), expected: 401 },
    { label: "with wrong credentials", headers: Object.fromEntries(Object.entries(settings.headers).map(([name, value]) => [name, isCredential(name) ? wrongValue(value) : value])), expected: 401 },
    { label: "with the credentials", headers: { ...settings.headers }, expected: 200 },
  ];
}
