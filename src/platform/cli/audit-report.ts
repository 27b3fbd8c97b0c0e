// How the CLI reports a verification of the audit trail (`jha audit verify`, `jha restore`).
import type { VerifyResult } from '../audit/audit.service.js';
import { formatAnchor } from '../audit/chain.js';

export const DEVELOPMENT_KEY_NOTE =
  'Note: the chain is not keyed with a dedicated key: AUDIT_KEY is not set, so entries are keyed with a development key derived from SESSION_SECRET. Production must set AUDIT_KEY (see README, "Configuration").';

/** Writes the break to standard error and sets exit code 1; true when the trail is intact. */
export function reportBreak(result: VerifyResult, consequence?: string): boolean {
  if (result.ok) return true;
  const broken = result.broken!;
  process.stderr.write(
    `Audit trail broken at entry ${broken.seq}: ${broken.reason} (${result.checked} entries before it are intact)${consequence ? `; ${consequence}` : ''}.\n`,
  );
  process.exitCode = 1;
  return false;
}

/** What an intact result does not prove: unkeyed entries, a development key. */
export function verificationNotes(result: VerifyResult): string[] {
  const notes: string[] = [];
  const { sha256, 'hmac-sha256-dev': development } = result.schemes;
  if (!result.dedicatedKey) notes.push(DEVELOPMENT_KEY_NOTE);
  else if (development > 0)
    notes.push(`Note: ${development} entries are keyed with the development key (written before AUDIT_KEY was set).`);
  if (sha256 > 0) {
    notes.push(
      `Note: entries 1–${sha256} predate the keyed chain (plain SHA-256): only an anchor taken since (\`jha audit anchor\`) proves them unchanged.`,
    );
  }
  return notes;
}

/** Prints the whole verification: the break (exit code 1), or "intact" with the anchor and the notes. */
export function reportVerification(result: VerifyResult): void {
  if (!reportBreak(result)) return;
  process.stdout.write(`Audit trail intact: ${result.checked} entries checked.\n`);
  if (result.anchor) {
    process.stdout.write(`Entry ${result.anchor.seq} matches the anchor ${formatAnchor(result.anchor)}, and the trail reaches it.\n`);
  }
  for (const note of verificationNotes(result)) process.stdout.write(note + '\n');
}
