// Reporting status per partner for one dataset and period: who has submitted, who is late.
import type { Db } from '../platform/db/database.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Catalog } from './catalog.js';
import { listSubmissions } from './submissions.repository.js';
import type { OverviewRow } from './submissions.schema.js';
import { checkKey, dueDate } from './submissions.service.js';

/** One row per Western Balkan partner; late means not yet submitted after the due date. */
export async function reportingOverview(
  db: Db,
  catalog: Catalog,
  dataset: string,
  period: string,
  now = new Date(),
): Promise<OverviewRow[]> {
  const ds = await checkKey(db, catalog, { dataset, partner: 'AL', period });
  const due = dueDate(ds, period);
  const submissions = new Map((await listSubmissions(db, { dataset, period })).map((s) => [s.partner_code, s]));
  return (await listPartners(db))
    .filter((p) => p.group_code === 'WB6')
    .map((p) => {
      const s = submissions.get(p.code);
      const status = s?.status ?? 'not_started';
      return {
        partner: p.code,
        name: p.name,
        status,
        version: s?.version ?? 0,
        updatedAt: s?.updated_at ?? null,
        dueDate: due.toISOString().slice(0, 10),
        late: ['not_started', 'draft', 'returned'].includes(status) && now > due,
      };
    });
}
