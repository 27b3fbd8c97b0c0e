// The key of the audit chain, kept outside the database: AUDIT_KEY, or (when it is not set) a
// development key derived from SESSION_SECRET. The composition root installs it once per process
// (createContext), so that every appendAuditEntry keys its entry without each caller passing it.
import { createHmac } from 'node:crypto';
import type { ChainKeys, HashScheme } from './chain.js';

/** What the keys are made from (a Config has both fields). */
export interface AuditKeySource {
  auditKey?: string | null;
  sessionSecret: string;
}

/** The development key: HMAC-SHA256 of a fixed label under SESSION_SECRET (never the secret itself). */
export function developmentAuditKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('jha-hub audit chain development key').digest();
}

export function chainKeysOf(source: AuditKeySource): ChainKeys {
  return {
    dedicated: source.auditKey ? Buffer.from(source.auditKey, 'utf8') : null,
    development: developmentAuditKey(source.sessionSecret),
  };
}

/** The scheme and key new entries are written with. */
export function writingKey(keys: ChainKeys): { scheme: HashScheme; key: Buffer } {
  return keys.dedicated ? { scheme: 'hmac-sha256', key: keys.dedicated } : { scheme: 'hmac-sha256-dev', key: keys.development };
}

let installed: ChainKeys | null = null;

/** Sets the process's audit key (null: none, new entries are unkeyed; only tests run like that). */
export function installAuditKey(source: AuditKeySource | null): void {
  installed = source ? chainKeysOf(source) : null;
}

/** The process's audit keys, or null when none was installed. */
export function installedAuditKeys(): ChainKeys | null {
  return installed;
}
