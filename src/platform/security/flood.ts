// Flood limit of the security event log (pure): at most `perKey` events per key (address and
// kind) and `total` events overall per window and process; the rest are counted, not recorded.

export interface FloodLimit {
  perKey: number;
  total: number;
  windowMs: number;
  /** Keys kept at most; beyond, the ended windows are dropped (and, in a wide flood, all). */
  maxKeys: number;
}

/** 10 per minute per address and kind, 300 per minute per process, 10,000 addresses × kinds tracked. */
export const SECURITY_EVENT_FLOOD: FloodLimit = { perKey: 10, total: 300, windowMs: 60_000, maxKeys: 10_000 };

export type FloodVerdict =
  /** Record it; `droppedBefore` events of this key were left out in its previous window. */
  | { record: true; droppedBefore: number }
  /** Leave it out; `first` for the first one left out of this key's window (worth one log line). */
  | { record: false; first: boolean };

interface Window {
  start: number;
  count: number;
  dropped: number;
  /** Dropped in the previous window, not yet reported. */
  carried: number;
}

export class FloodGate {
  readonly #limit: FloodLimit;
  readonly #windows = new Map<string, Window>();
  #total = { start: -Infinity, count: 0, firstDrops: 0 };

  constructor(limit: FloodLimit = SECURITY_EVENT_FLOOD) {
    this.#limit = limit;
  }

  admit(key: string, now: number = Date.now()): FloodVerdict {
    const { perKey, total, windowMs, maxKeys } = this.#limit;
    let w = this.#windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (!w && this.#windows.size >= maxKeys) this.#prune(now);
      w = { start: now, count: 0, dropped: 0, carried: (w?.carried ?? 0) + (w?.dropped ?? 0) };
      this.#windows.set(key, w);
    }
    if (now - this.#total.start >= windowMs) this.#total = { start: now, count: 0, firstDrops: 0 };
    if (w.count >= perKey || this.#total.count >= total) {
      w.dropped += 1;
      // One line per key and window, and no more of them than recorded events overall.
      const first = w.dropped === 1 && this.#total.firstDrops < total;
      if (first) this.#total.firstDrops += 1;
      return { record: false, first };
    }
    w.count += 1;
    this.#total.count += 1;
    const droppedBefore = w.carried;
    w.carried = 0;
    return { record: true, droppedBefore };
  }

  #prune(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.#limit.windowMs) this.#windows.delete(key);
    if (this.#windows.size >= this.#limit.maxKeys) this.#windows.clear();
  }
}
