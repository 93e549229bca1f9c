/**
 * "The tool list may have changed": a signal a ToolSource raises when tools appear, change or go
 * (the registry, on refresh, rename or delete). Listeners are told nothing else; a list-changed
 * notification is a hint to list again, so an extra one is harmless and a missed one is a bug.
 */
export class ToolListChanges {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every change until the returned function is called. */
  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(): void {
    for (const listener of this.listeners) listener();
  }
}
