// The commitments capability: action plans, recommendations and progress reporting.
import { commitmentsTasks } from './tasks.service.js';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { recurring } from '../platform/jobs/jobs.service.js';
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { registerPlanCommands } from './cli.js';
import * as commitmentsTables from './migrations/20261128T0100_commitments.js';
// This migration also created the platform's stored_files table (frozen, so it stays here).
import * as progressTables from './migrations/20261128T0300_progress.js';
import { evidenceRoutes, evidenceUploadRoutes } from './evidence.routes.js';
import { planEditingRoutes } from './plan-editing.routes.js';
import { shippedPlans, syncPlans } from './plans.service.js';
import { plansRoutes } from './plans.routes.js';
import { sendRoundReminders } from './reminders.service.js';
import { assessmentsRoutes, reportsRoutes } from './reports.routes.js';
import { roundExportRoutes, roundsRoutes } from './rounds.routes.js';
import { viewsRoutes } from './views.routes.js';

/** Every route of the capability, one plugin per resource, under /api/v1. */
async function commitmentsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(plansRoutes);
  await app.register(roundsRoutes);
  await app.register(roundExportRoutes);
  await app.register(reportsRoutes);
  await app.register(assessmentsRoutes);
  await app.register(evidenceRoutes);
  await app.register(evidenceUploadRoutes);
  await app.register(viewsRoutes);
  await app.register(planEditingRoutes);
}

export const commitmentsModule: Module<CatalogContext> = {
  name: 'commitments',
  migrations: { '20261128T0100_commitments': commitmentsTables, '20261128T0300_progress': progressTables },
  routes: commitmentsRoutes,
  reviewDomains: () => ['commitments'],
  tasks: (db, _ctx, viewer, now) => commitmentsTasks(db, viewer, now),
  jobs: () => ({
    // Reminds coordinators of progress reports due within a week or overdue (each reminder once).
    'commitments.reminders': recurring(60 * 60_000, async ({ db, now }) => {
      await sendRoundReminders(db, SYSTEM_ACTOR, now.toISOString().slice(0, 10));
    }),
  }),
  // The shipped plans are loaded at every start (actions added in the UI are kept).
  start: async (db, { catalog }) => {
    await syncPlans(db, await shippedPlans(db, catalog), SYSTEM_ACTOR);
  },
  commands: registerPlanCommands,
};
