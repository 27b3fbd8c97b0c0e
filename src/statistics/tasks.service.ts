// The statistics tasks of the home page: a coordinator's data to complete, correct or report (its
// partner's, each with its due date), a reviewer's submissions to review (in the reviewer's
// domains), the Commission's approved submissions to publish.
import type { Db } from '../platform/db/database.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Task } from '../platform/tasks.js';
import type { TaskViewer } from '../platform/viewer.js';
import { canPublish, canReview } from '../platform/viewer.js';
import { datasetCovers, type Catalog, type Dataset } from './catalog.js';
import { periodContaining, shiftPeriod } from './periods.js';
import { listSubmissions } from './submissions.repository.js';
import { dueDate } from './submissions.service.js';
import type { SubmissionsTable } from './tables.js';

const DAY = 86_400_000;
/** Periods whose data fell due this long ago are still asked for; later ones are the reminders' business. */
const OVERDUE_DAYS = 366;
/** Periods that fall due within this many days are announced ahead. */
const AHEAD_DAYS = 45;

function link(s: { dataset: string; partner: string; period: string }): string {
  return `/statistics/${s.dataset}/${s.partner}/${s.period}`;
}

function task(dataset: Dataset, partner: string, period: string, kind: string, title: string, detail: string, now: Date): Task {
  const due = dueDate(dataset, period);
  return {
    kind,
    area: 'statistics',
    title,
    detail,
    link: link({ dataset: dataset.code, partner, period }),
    dueDate: due.toISOString().slice(0, 10),
    overdue: due.getTime() < now.getTime(),
  };
}

/** A stored submission still the coordinator's to finish (a draft or a return), or null. */
function unfinished(dataset: Dataset, s: SubmissionsTable, now: Date): Task | null {
  const what = `${dataset.label}, ${s.period}`;
  if (s.status === 'returned')
    return task(
      dataset,
      s.partner_code,
      s.period,
      'submission.correct',
      `Correct ${what}`,
      'Returned by the reviewer: see the thread.',
      now,
    );
  if (s.status === 'draft')
    return task(dataset, s.partner_code, s.period, 'submission.submit', `Complete and submit ${what}`, 'A draft, not yet submitted.', now);
  return null;
}

async function coordinatorTasks(db: Db, catalog: Catalog, partner: string, now: Date): Promise<Task[]> {
  const own = (await listPartners(db)).find((p) => p.code === partner);
  if (!own) return [];
  const submissions = await listSubmissions(db, { partner });
  const stored = new Set(submissions.map((s) => `${s.dataset}|${s.period}`));
  const tasks: Task[] = [];
  for (const dataset of catalog.datasets.values()) {
    if (!datasetCovers(dataset, own)) continue;
    // The periods from a year overdue to due soon that have nothing entered yet.
    let period = periodContaining(dataset.periodType, new Date(now.getTime() + AHEAD_DAYS * DAY));
    for (let step = 0; step < 80; step++, period = shiftPeriod(period, -1)) {
      const due = dueDate(dataset, period);
      if (due.getTime() > now.getTime() + AHEAD_DAYS * DAY) continue;
      if (due.getTime() < now.getTime() - OVERDUE_DAYS * DAY) break;
      if (!stored.has(`${dataset.code}|${period}`))
        tasks.push(task(dataset, partner, period, 'submission.report', `Report ${dataset.label}, ${period}`, 'Nothing entered yet.', now));
    }
  }
  // Drafts and returns of any period.
  for (const s of submissions) {
    const dataset = catalog.datasets.get(s.dataset);
    const t = dataset ? unfinished(dataset, s, now) : null;
    if (t) tasks.push(t);
  }
  return tasks;
}

export async function statisticsTasks(db: Db, catalog: Catalog, viewer: TaskViewer, now: Date): Promise<Task[]> {
  if (viewer.role === 'coordinator') return viewer.partner ? coordinatorTasks(db, catalog, viewer.partner, now) : [];
  const tasks: Task[] = [];
  if (viewer.role === 'reviewer') {
    for (const s of await listSubmissions(db, { statuses: ['submitted'] })) {
      const dataset = catalog.datasets.get(s.dataset);
      if (!dataset || !canReview(viewer, dataset.domain)) continue;
      tasks.push({
        ...task(
          dataset,
          s.partner_code,
          s.period,
          'submission.review',
          `Review ${dataset.label}, ${s.partner_code} ${s.period}`,
          'Submitted: approve it or return it with a comment.',
          now,
        ),
        // A review has no due date of its own; the data's due date is past by then, which is no fault of the reviewer.
        dueDate: null,
        overdue: false,
      });
    }
  }
  if (canPublish(viewer)) {
    for (const s of await listSubmissions(db, { statuses: ['approved'] })) {
      const dataset = catalog.datasets.get(s.dataset);
      if (!dataset || s.publish_at) continue;
      tasks.push({
        ...task(
          dataset,
          s.partner_code,
          s.period,
          'submission.publish',
          `Publish ${dataset.label}, ${s.partner_code} ${s.period}`,
          'Approved: publish it now or schedule it.',
          now,
        ),
        dueDate: null,
        overdue: false,
      });
    }
  }
  return tasks;
}
