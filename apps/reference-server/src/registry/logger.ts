/**
 * What the registry logs through. Plain messages only, so the app can pass its line logger,
 * `console`, pino or its own; every message is built from scrubbed text and never carries a secret.
 */
export interface RegistryLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A leveled logger, or a function that takes whole lines (the app's `log`). */
export type LoggerOption = RegistryLogger | ((line: string) => void);

/** The leveled logger for `option`; without one, lines go to stderr. */
export function toRegistryLogger(option: LoggerOption | undefined): RegistryLogger {
  if (typeof option === "object") return option;
  const write = option ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return {
    info: (message) => write(`[registry] ${message}`),
    warn: (message) => write(`[registry] warning: ${message}`),
    error: (message) => write(`[registry] error: ${message}`),
  };
}
