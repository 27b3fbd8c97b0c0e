// Login throttling policy (pure): failed sign-ins slow down further attempts with delays that
// double with every failure, counted three ways:
// - per account and address pair: the attacker at one address is slowed most (up to 15 minutes);
// - per account across addresses: an attack spread over many addresses is slowed too, but the
//   delay stops at 30 seconds, so that the owner is never locked out of their own account;
// - per address across accounts: one address trying many accounts (password spraying).
// Nothing is ever blocked outright; a successful sign-in clears that pair's failures.

export interface Policy {
  /** Failures inside the window that cost nothing; each further one doubles the delay. */
  free: number;
  /** The longest delay, in seconds. */
  capSeconds: number;
  windowMs: number;
}

const WINDOW_MS = 15 * 60_000;
export const PAIR_POLICY: Policy = { free: 3, capSeconds: 15 * 60, windowMs: WINDOW_MS };
export const ACCOUNT_POLICY: Policy = { free: 10, capSeconds: 30, windowMs: WINDOW_MS };
export const ADDRESS_POLICY: Policy = { free: 20, capSeconds: 15 * 60, windowMs: WINDOW_MS };

/** The delay after `count` failures: none up to `free`, then 2, 4, 8 … seconds up to the cap. */
export function delaySeconds(count: number, policy: Policy): number {
  if (count < policy.free) return 0;
  return Math.min(2 ** Math.min(count - policy.free + 1, 30), policy.capSeconds);
}

/**
 * Seconds to wait before the next attempt is allowed, or null when an attempt is allowed now.
 * `failures` are ISO timestamps inside the window, oldest first; the delay runs from the last one.
 */
export function retryAfterSeconds(failures: readonly string[], policy: Policy, now: Date): number | null {
  const delay = delaySeconds(failures.length, policy);
  if (delay === 0) return null;
  const freeAt = Date.parse(failures[failures.length - 1]!) + delay * 1000;
  const wait = Math.ceil((freeAt - now.getTime()) / 1000);
  return wait > 0 ? wait : null;
}
