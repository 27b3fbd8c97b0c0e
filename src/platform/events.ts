// The in-process event bus: a capability announces what happened (after its transaction has
// committed) without knowing who listens. Subscriptions are registered by the composition root
// from the modules, never as a side effect of importing a file.

/** Event names and payloads; each capability adds its own events by module augmentation. */
export interface EventMap {
  /** A job was queued for now (after its transaction committed): a runner of this process may start it at once. */
  'jobs.queued': { kind: string };
}

export type EventName = keyof EventMap;
export type EventHandler<K extends EventName> = (payload: EventMap[K]) => Promise<void>;

export class EventBus {
  readonly #handlers = new Map<EventName, Set<EventHandler<never>>>();

  /**
   * Subscribes a handler and returns what unsubscribes it; subscribing the same function to the same
   * event again changes nothing.
   */
  on<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
    let set = this.#handlers.get(name);
    if (!set) this.#handlers.set(name, (set = new Set()));
    set.add(handler as EventHandler<never>);
    return () => void set.delete(handler as EventHandler<never>);
  }

  /** Runs every handler of the event in the order they subscribed; a handler's error reaches the emitter. */
  async emit<K extends EventName>(name: K, payload: EventMap[K]): Promise<void> {
    for (const handler of this.#handlers.get(name) ?? []) await (handler as EventHandler<K>)(payload);
  }

  /** How many handlers listen to the event (for tests and start-up checks). */
  listenerCount(name: EventName): number {
    return this.#handlers.get(name)?.size ?? 0;
  }
}

/** The process's bus. Services emit on it; only the composition root subscribes. */
export const events = new EventBus();
