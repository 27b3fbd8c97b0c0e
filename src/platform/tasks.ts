// What a signed-in user has to do next, as every capability tells it: the home page's task list
// (GET /me/tasks). A task is something waiting for this user's action, with where to do it and,
// when there is one, its due date. Imports only TypeBox, so that the web app shares the type.
import { Type, type Static } from 'typebox';

export const TaskSchema = Type.Object({
  /** What kind of step, e.g. `submission.review`, `round.report`, `alert.acknowledge`. */
  kind: Type.String(),
  /** The capability it comes from (statistics, commitments, migration, meetings). */
  area: Type.String(),
  title: Type.String(),
  detail: Type.String(),
  /** Where to do it: a path inside the app. */
  link: Type.String(),
  dueDate: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
  overdue: Type.Boolean(),
});
export type Task = Static<typeof TaskSchema>;

export const TasksSchema = Type.Object({ tasks: Type.Array(TaskSchema) });

/** Overdue ones first, then by due date (undated last), then by title. */
export function sortTasks(tasks: Task[]): Task[] {
  return [...tasks].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.title.localeCompare(b.title),
  );
}
