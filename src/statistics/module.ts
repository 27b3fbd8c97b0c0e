// The statistics capability: the data-collection engine every policy area's catalogue runs on.
import type { FastifyInstance } from 'fastify';
import type { Module } from '../platform/module.js';
import { recurring } from '../platform/jobs/jobs.service.js';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import type { Catalog, CatalogContext } from './catalog.js';
import { calendarRoutes } from './calendar.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { registerStatisticsCommands } from './cli.js';
import { indicatorsRoutes } from './indicators.routes.js';
import * as statisticsTables from './migrations/20261127T2330_statistics.js';
import * as readModelTables from './migrations/20261203T0000_read_model.js';
import * as scheduledPublication from './migrations/20261206T0200_scheduled_publication.js';
import * as valueEvidence from './migrations/20261209T0000_value_evidence.js';
import { backfillReadModel } from './read-model.service.js';
import { statisticsTasks } from './tasks.service.js';
import { sendOverdueDataReminders } from './reminders.service.js';
import { submissionsRoutes } from './submissions.routes.js';
import { publishScheduled } from './workflow.service.js';
import { transferRoutes } from './transfer.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The catalogue, loaded once by the composition root. */
    catalog: Catalog;
  }
}

async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(catalogRoutes);
  await app.register(submissionsRoutes);
  await app.register(indicatorsRoutes);
  await app.register(transferRoutes);
  await app.register(calendarRoutes);
}

export const statisticsModule: Module<CatalogContext> = {
  name: 'statistics',
  migrations: {
    '20261127T2330_statistics': statisticsTables,
    '20261203T0000_read_model': readModelTables,
    '20261206T0200_scheduled_publication': scheduledPublication,
    '20261209T0000_value_evidence': valueEvidence,
  },
  routes: statisticsRoutes,
  // Every dataset's domain (justice, migration, …) is one a reviewer can be limited to.
  reviewDomains: ({ catalog }) => [...new Set([...catalog.datasets.values()].map((d) => d.domain))],
  jobs: ({ catalog }) => ({
    // Reminds coordinators of data not submitted after its due date (each partner, dataset and period once).
    'statistics.reminders': recurring(60 * 60_000, async ({ db, now }) => {
      await sendOverdueDataReminders(db, catalog, SYSTEM_ACTOR, now);
    }),
    // Scheduled publications whose time has come become published (their figures are public from
    // that moment already: the release is dated then); the neighbours' alerts follow.
    'statistics.scheduled_publications': recurring(60_000, async ({ db, now }) => {
      await publishScheduled(db, catalog, SYSTEM_ACTOR, now);
    }),
  }),
  // Databases from before the read model get their partner cells and first releases (once).
  start: async (db, { catalog }) => {
    await backfillReadModel(db, SYSTEM_ACTOR, catalog);
  },
  tasks: (db, { catalog }, viewer, now) => statisticsTasks(db, catalog, viewer, now),
  seedDemo: async (db, { catalog }) => {
    // Loaded on demand: the demo figures are only needed on a new demo database.
    const { seedDemoStatistics } = await import('./demo.service.js');
    await seedDemoStatistics(db, catalog);
  },
  commands: registerStatisticsCommands,
};
