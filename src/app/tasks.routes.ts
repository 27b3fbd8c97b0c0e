// GET /me/tasks: every capability's tasks for the signed-in user, overdue first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SIGNED_IN } from '../platform/http/access.js';
import { sortTasks, TasksSchema } from '../platform/tasks.js';
import { viewerOf, type TaskViewer } from '../platform/viewer.js';
import type { AppContext } from './modules.js';
import { modules } from './modules.js';

export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/tasks',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['auth'],
          summary: 'What the signed-in user has to do: data to submit or review, reports due, alerts to acknowledge, invitations to answer',
          response: { 200: TasksSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request.principal) as TaskViewer;
        const now = new Date();
        const lists = await Promise.all(modules.map((m) => m.tasks?.(app.db, ctx, viewer, now) ?? Promise.resolve([])));
        return { tasks: sortTasks(lists.flat()) };
      },
    );
  };
}
