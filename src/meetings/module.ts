// The meetings capability: ministerial meetings, agenda, delegations, documents and briefing books.
import { meetingsTasks } from './tasks.service.js';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { agendaRoutes } from './agenda.routes.js';
import { briefingRoutes } from './briefing.routes.js';
import { registerMeetingCommands } from './cli.js';
import { delegationsRoutes } from './delegations.routes.js';
import { documentsRoutes } from './documents.routes.js';
import { meetingRoutes, meetingTextRoutes } from './meetings.routes.js';
import * as meetingsTables from './migrations/20261128T0500_meetings.js';
import { outcomeRoutes } from './outcome.routes.js';

/** Every meetings route, one plugin per resource (in this order in the API documentation). */
async function meetingsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(meetingRoutes);
  await app.register(agendaRoutes);
  await app.register(delegationsRoutes);
  await app.register(documentsRoutes);
  await app.register(outcomeRoutes);
  await app.register(meetingTextRoutes);
  await app.register(briefingRoutes);
}

export const meetingsModule: Module<CatalogContext> = {
  name: 'meetings',
  tasks: (db, _ctx, viewer, now) => meetingsTasks(db, viewer, now),
  migrations: { '20261128T0500_meetings': meetingsTables },
  routes: meetingsRoutes,
  seedDemo: async (db, { catalog }) => {
    const { seedDemoMeeting } = await import('./seed.js');
    await seedDemoMeeting(db, catalog, SYSTEM_ACTOR);
  },
  commands: registerMeetingCommands,
};
