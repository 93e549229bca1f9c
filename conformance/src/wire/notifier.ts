/**
 * Waiting on something a reader fills in over time (events, bytes, headers), always bounded: a
 * wait resolves with the value, or `undefined` when its time bound passes or the run is aborted.
 * Never rejects, so a silent server becomes data ("no answer in N ms"), not an exception.
 */
export class Notifier {
  readonly #listeners = new Set<() => void>();

  /** Calls `listener` on every notify until the returned function is called. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Wakes every pending wait so it re-reads the state it probes. */
  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /**
   * Resolves with the first non-undefined value of `probe`, checked now and after each notify,
   * or with `undefined` after `timeoutMs` or when `signal` aborts.
   */
  wait<T>(probe: () => T | undefined, timeoutMs: number, signal?: AbortSignal): Promise<T | undefined> {
    const now = probe();
    if (now !== undefined || signal?.aborted) return Promise.resolve(now);
    return new Promise((resolve) => {
      const finish = (value: T | undefined): void => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const listener = (): void => {
        const value = probe();
        if (value !== undefined) finish(value);
      };
      const onAbort = (): void => finish(undefined);
      const timer = setTimeout(() => finish(undefined), Math.max(0, timeoutMs));
      this.#listeners.add(listener);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** Resolves after `ms` or when `signal` aborts; for polling where the server gives no event to wait on. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
