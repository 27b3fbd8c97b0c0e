// Reminders of progress reports still with the partner: a week before the round's due date and
// once overdue, sent by the hourly `commitments.reminders` job.
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { notify } from '../platform/notifications/notifications.service.js';
import { daysUntil, reminderStage } from './progress.js';
import { listReports, listRounds } from './progress.repository.js';
import { reportLink } from './progress.service.js';

export interface ReminderSent {
  round: string;
  partner: string;
  stage: 'due_soon' | 'overdue';
  recipients: number;
}

/**
 * Reminds the coordinators of partners whose report of an open round is still with them: once a
 * week before the due date and once when it is overdue. Run by the scheduled job; each reminder is
 * recorded once per round, partner and stage (a second run sends nothing) and audited.
 */
export async function sendRoundReminders(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)): Promise<ReminderSent[]> {
  const rounds = await listRounds(db, { status: 'open' });
  const reports = await listReports(
    db,
    rounds.map((r) => r.id),
  );
  const sent: ReminderSent[] = [];
  for (const report of reports) {
    const round = rounds.find((r) => r.id === report.round_id)!;
    const stage = reminderStage(round.due_date, today, report.status);
    if (!stage) continue;
    const days = daysUntil(round.due_date, today);
    await db.transaction().execute(async (trx) => {
      const created = await notify(
        trx,
        { roles: ['coordinator'], partners: [report.partner_code] },
        {
          kind: 'commitments.reminder',
          texts: {
            title: `commitments.reminder.${stage}.title`,
            body: `commitments.reminder.${stage}.body`,
            params: { round: round.title, partner: report.partner_code, dueDate: round.due_date, count: days },
          },
          link: reportLink(round.id, report.partner_code),
          dedupeKey: `round:${round.id}:reminder:${report.partner_code}:${stage}`,
        },
      );
      if (created.length === 0) return;
      await appendAuditEntry(trx, actor, {
        action: 'progress.reminder',
        entityType: 'progress_report',
        entityId: report.id,
        after: { stage, dueDate: round.due_date, recipients: created.map((n) => n.user_id) },
      });
      sent.push({ round: round.id, partner: report.partner_code, stage, recipients: created.length });
    });
  }
  return sent;
}
