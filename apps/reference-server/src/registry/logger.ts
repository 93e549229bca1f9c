/**
 * What the registry logs through. Plain messages only, so the app can pass `console`, pino or its
 * own logger; every message is built from scrubbed text and never carries a secret.
 */
export interface RegistryLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
