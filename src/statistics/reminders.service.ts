// Reminders for overdue data: the coordinators of a partner whose submission is not in (draft,
// returned or not started) after its due date are reminded once per dataset, partner and period.
// Run by the scheduled job; only periods that fell due within the last two months are considered,
// so that an old backlog does not flood anyone.
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { notify } from '../platform/notifications/notifications.service.js';
import type { Catalog } from './catalog.js';
import { reportingOverview } from './overview.service.js';
import { periodContaining, shiftPeriod } from './periods.js';
import { dueDate } from './submissions.service.js';

const WINDOW_DAYS = 62;

export interface DataReminder {
  dataset: string;
  partner: string;
  period: string;
  recipients: number;
}

export async function sendOverdueDataReminders(db: Db, catalog: Catalog, actor: Actor, now = new Date()): Promise<DataReminder[]> {
  const sent: DataReminder[] = [];
  for (const dataset of catalog.datasets.values()) {
    let period = periodContaining(dataset.periodType, now);
    for (let step = 0; step < 80; step++, period = shiftPeriod(period, -1)) {
      const due = dueDate(dataset, period);
      if (due > now) continue;
      if (now.getTime() - due.getTime() > WINDOW_DAYS * 86_400_000) break;
      for (const row of await reportingOverview(db, catalog, dataset.code, period, now)) {
        if (!row.late) continue;
        await db.transaction().execute(async (trx) => {
          const created = await notify(
            trx,
            { roles: ['coordinator'], partners: [row.partner] },
            {
              kind: 'statistics.overdue',
              texts: {
                title: 'statistics.overdue.title',
                body: 'statistics.overdue.body',
                params: {
                  dataset: dataset.label,
                  datasetLower: dataset.label.toLowerCase(),
                  partner: row.name,
                  period,
                  dueDate: row.dueDate,
                },
              },
              link: `/statistics/${dataset.code}/${row.partner}/${period}`,
              dedupeKey: `data-overdue:${dataset.code}:${row.partner}:${period}`,
            },
          );
          if (created.length === 0) return;
          await appendAuditEntry(trx, actor, {
            action: 'submission.reminder',
            entityType: 'submission',
            entityId: `${dataset.code}/${row.partner}/${period}`,
            after: { dueDate: row.dueDate, status: row.status, recipients: created.map((n) => n.user_id) },
          });
          sent.push({ dataset: dataset.code, partner: row.partner, period, recipients: created.length });
        });
      }
    }
  }
  return sent;
}
