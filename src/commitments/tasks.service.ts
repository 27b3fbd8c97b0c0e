// The commitments tasks of the home page, from the open reporting rounds: a coordinator's progress
// report to write or correct (due at the round's due date), reports submitted for a reviewer's
// assessment, and for the Commission the rounds past their due date that wait to be published.
import type { Db } from '../platform/db/database.js';
import type { Task } from '../platform/tasks.js';
import type { TaskViewer } from '../platform/viewer.js';
import { canAssess, canManageRounds } from './progress.js';
import { listReports, listRounds } from './progress.repository.js';
import { reportLink } from './progress.service.js';

export async function commitmentsTasks(db: Db, viewer: TaskViewer, now: Date): Promise<Task[]> {
  const rounds = await listRounds(db, { status: 'open' });
  if (rounds.length === 0) return [];
  const reports = await listReports(
    db,
    rounds.map((r) => r.id),
  );
  const today = now.toISOString().slice(0, 10);
  const tasks: Task[] = [];
  for (const round of rounds) {
    const due = { dueDate: round.due_date, overdue: round.due_date < today };
    for (const report of reports.filter((r) => r.round_id === round.id)) {
      const link = reportLink(round.id, report.partner_code);
      if (
        viewer.role === 'coordinator' &&
        viewer.partner === report.partner_code &&
        (report.status === 'draft' || report.status === 'returned')
      )
        tasks.push({
          kind: report.status === 'returned' ? 'round.correct' : 'round.report',
          area: 'commitments',
          title: `${report.status === 'returned' ? 'Correct' : 'Report'} progress: ${round.title}`,
          detail:
            report.status === 'returned' ? 'Returned by the reviewer: see the comment.' : 'Give each commitment its status and submit.',
          link,
          ...due,
        });
      if (viewer.role !== 'coordinator' && canAssess(viewer) && report.status === 'submitted')
        tasks.push({
          kind: 'round.assess',
          area: 'commitments',
          title: `Assess ${report.partner_code}'s progress: ${round.title}`,
          detail: 'Submitted: assess each commitment or return the report.',
          link,
          dueDate: null,
          overdue: false,
        });
    }
    if (canManageRounds(viewer) && due.overdue)
      tasks.push({
        kind: 'round.publish',
        area: 'commitments',
        title: `Publish the round: ${round.title}`,
        detail: 'Its due date has passed.',
        link: `/commitments/rounds/${round.id}`,
        ...due,
      });
  }
  return tasks;
}
