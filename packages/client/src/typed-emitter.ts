/**
 * A minimal typed event emitter: `on` returns the unsubscribe function, payloads are typed per
 * event. Smaller than EventTarget + CustomEvent and needs no casts at the listener.
 */

/** Subscribe to typed events. */
export class TypedEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Calls `listener` for every `type` event until the returned function is called. */
  on<Type extends keyof Events>(type: Type, listener: (payload: Events[Type]) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls `listener` for the next `type` event only. */
  once<Type extends keyof Events>(type: Type, listener: (payload: Events[Type]) => void): () => void {
    const off = this.on(type, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /**
   * Calls the listeners in order. A listener that throws does not stop the others or the stream
   * reader: its error is rethrown on a microtask, as EventTarget reports listener errors.
   */
  protected emit<Type extends keyof Events>(type: Type, payload: Events[Type]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        (listener as (payload: Events[Type]) => void)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
