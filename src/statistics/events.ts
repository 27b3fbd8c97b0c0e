// The event statistics announces on the platform's bus when submissions changed (values saved or
// imported, or a workflow step), after the change has committed, so that other capabilities can
// react (migration's early warnings) without statistics depending on them.
import type { Actor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { events } from '../platform/events.js';
import type { Catalog } from './catalog.js';

export interface ChangedSubmission {
  dataset: string;
  partner: string;
  period: string;
}

export interface SubmissionsChanged {
  db: Db;
  catalog: Catalog;
  changed: ChangedSubmission[];
  actor: Actor;
}

declare module '../platform/events.js' {
  interface EventMap {
    'statistics.submissions-changed': SubmissionsChanged;
  }
}

export async function submissionsChanged(db: Db, catalog: Catalog, changed: ChangedSubmission[], actor: Actor): Promise<void> {
  if (changed.length === 0) return;
  await events.emit('statistics.submissions-changed', { db, catalog, changed, actor });
}
