// The second factor without I/O: TOTP codes (RFC 6238 through otpauth: SHA-1, 6 digits, 30 seconds,
// what every authenticator app reads from the QR code), recovery codes, and the sealing of TOTP
// secrets at rest (AES-256-GCM with a key derived from SESSION_SECRET).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { sha256 } from './secrets.js';

export const TOTP_ISSUER = 'JHA Hub';
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of the step before and after the current one count too (a clock a little off, a slow typist). */
const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI of the QR code an authenticator app scans. */
export function totpUri(secretBase32: string, label: string): string {
  return totp(secretBase32, label).toString();
}

/** The 30-second step of an instant. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The step a code is right for (the current one, one before or one after), or null when it is
 * wrong or was already used: a step at or before `lastUsedStep` is refused, so that a code seen
 * over someone's shoulder cannot be used again.
 */
export function acceptedTotpStep(secretBase32: string, code: string, now: Date, lastUsedStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32, 'check').validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

/** Ten codes of 16 base32 characters (80 random bits each), shown as XXXX-XXXX-XXXX-XXXX. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 16 }, () => BASE32[randomInt(BASE32.length)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What is compared: upper case, without spaces and dashes (codes may be typed as the user likes). */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** The stored form of a recovery code; with 80 random bits a plain SHA-256 cannot be reversed. */
export function recoveryCodeHash(userId: string, code: string): string {
  return sha256(`${userId}:${normaliseRecoveryCode(code)}`);
}

/** Looks like a recovery code rather than a TOTP code. */
export function isRecoveryCode(code: string): boolean {
  return /^[A-Z2-7]{16}$/.test(normaliseRecoveryCode(code));
}

function sealingKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'jha-hub', 'totp-secret-v1', 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url): readable only with the same SESSION_SECRET. */
export function sealTotpSecret(sessionSecret: string, secretBase32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(sessionSecret), iv);
  const data = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The secret, or null when it cannot be opened (another SESSION_SECRET, a damaged value). */
export function openTotpSecret(sessionSecret: string, sealed: string): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(sessionSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
