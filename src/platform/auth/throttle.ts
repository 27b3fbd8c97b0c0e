// Login throttling policy (pure): too many failed sign-ins for one account or from one address
// within the window are refused until the oldest failure leaves the window.

export interface Limit {
  max: number;
  windowMs: number;
}

export const ACCOUNT_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };
export const ADDRESS_LIMIT: Limit = { max: 20, windowMs: 15 * 60_000 };

/**
 * Seconds to wait before the next attempt is allowed, or null when an attempt is allowed now.
 * `failures` are ISO timestamps inside the window, oldest first.
 */
export function retryAfterSeconds(failures: readonly string[], limit: Limit, now: Date): number | null {
  if (failures.length < limit.max) return null;
  // The attempt frees up when enough failures have aged out to fall below the limit.
  const decisive = failures[failures.length - limit.max]!;
  const freeAt = Date.parse(decisive) + limit.windowMs;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}
