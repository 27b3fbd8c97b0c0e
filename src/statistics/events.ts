// Tells other capabilities that submissions changed (values saved or imported, or a workflow
// step), after the change has committed, so that they can react (migration's early warnings)
// without statistics depending on them.
import type { Actor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import type { Catalog } from './catalog.js';

export interface ChangedSubmission {
  dataset: string;
  partner: string;
  period: string;
}

export type SubmissionsListener = (db: Db, catalog: Catalog, changed: ChangedSubmission[], actor: Actor) => Promise<void>;

const listeners = new Set<SubmissionsListener>();

/** Registers a listener once per process (registering the same function again changes nothing). */
export function onSubmissionsChanged(listener: SubmissionsListener): void {
  listeners.add(listener);
}

export async function submissionsChanged(db: Db, catalog: Catalog, changed: ChangedSubmission[], actor: Actor): Promise<void> {
  if (changed.length === 0) return;
  for (const listener of listeners) await listener(db, catalog, changed, actor);
}
