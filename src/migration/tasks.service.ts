// The migration tasks of the home page: each early warning the user was told of and has not yet acknowledged.
import type { Db } from '../platform/db/database.js';
import type { Task } from '../platform/tasks.js';
import type { TaskViewer } from '../platform/viewer.js';
import { unacknowledgedAlerts } from './alerts.repository.js';

export async function migrationTasks(db: Db, viewer: TaskViewer): Promise<Task[]> {
  return (await unacknowledgedAlerts(db, viewer.id)).map((a) => ({
    kind: 'alert.acknowledge',
    area: 'migration',
    title: `Acknowledge the early warning: ${a.scope_code}, ${a.period}`,
    detail: `${a.indicator} ${a.value} (${a.condition} ${a.threshold}).`,
    link: `/migration/alerts/${a.id}`,
    dueDate: null,
    overdue: false,
  }));
}
