// Reporting status per partner for one dataset and period: who has submitted, who is late.
import type { Db } from '../platform/db/database.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Catalog } from './catalog.js';
import { listSubmissions } from './submissions.repository.js';
import type { Viewer } from '../platform/viewer.js';
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

/**
 * The overview as a viewer may see it: a coordinator sees another partner's workflow (status,
 * version, time, lateness) only once its data is published; before, the row says `not_published`.
 */
export function overviewFor(viewer: Viewer, rows: OverviewRow[]): OverviewRow[] {
  if (viewer.kind !== 'user' || viewer.role !== 'coordinator') return rows;
  return rows.map((r) =>
    r.partner === viewer.partner || r.status === 'published'
      ? r
      : { ...r, status: 'not_published', version: 0, updatedAt: null, late: false },
  );
}
