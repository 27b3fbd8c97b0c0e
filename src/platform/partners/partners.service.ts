// Keeps the partners table in line with the catalogue file; every insert or change is audited.
import type { Db } from '../db/database.js';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { PartnerEntry } from './catalog.js';
import { findPartner, insertPartner, listPartners, updatePartner } from './partners.repository.js';

/** Compares partner codes by the catalogue's order (AL, BA, XK, ME, MK, RS, then the member states); unknown codes last, by code. */
export async function partnerOrder(db: Db): Promise<(a: string, b: string) => number> {
  const position = new Map((await listPartners(db)).map((p) => [p.code, p.sort_order]));
  const at = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => at(a) - at(b) || a.localeCompare(b);
}

/** Upserts the catalogue's partners in one transaction; returns how many were added and changed. */
export async function syncPartners(db: Db, entries: PartnerEntry[], actor: Actor): Promise<{ added: number; changed: number }> {
  return db.transaction().execute(async (trx) => {
    let added = 0;
    let changed = 0;
    for (const e of entries) {
      const row = { code: e.code, name: e.name, group_code: e.group, sort_order: e.sortOrder };
      const existing = await findPartner(trx, e.code);
      if (!existing) {
        await insertPartner(trx, row);
        await appendAuditEntry(trx, actor, { action: 'partner.create', entityType: 'partner', entityId: e.code, after: row });
        added += 1;
      } else if (existing.name !== row.name || existing.group_code !== row.group_code || existing.sort_order !== row.sort_order) {
        await updatePartner(trx, e.code, { name: row.name, group_code: row.group_code, sort_order: row.sort_order });
        await appendAuditEntry(trx, actor, {
          action: 'partner.update',
          entityType: 'partner',
          entityId: e.code,
          before: existing,
          after: row,
        });
        changed += 1;
      }
    }
    return { added, changed };
  });
}

export { loadShippedPartners, PARTNER_CATALOG_FILE } from './catalog.js';

/** Partner and org-unit lookups for the capabilities. */
export { findPartner, listAllOrgUnits, listOrgUnits, listPartners } from './partners.repository.js';
