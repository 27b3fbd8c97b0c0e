// The meetings capability: ministerial meetings, agenda, delegations, documents and briefing books.
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { registerMeetingCommands } from './cli.js';
import { meetingsRoutes } from './meetings.routes.js';
import * as meetingsTables from './migrations/20261128T0500_meetings.js';

export const meetingsModule: Module<CatalogContext> = {
  name: 'meetings',
  migrations: { '20261128T0500_meetings': meetingsTables },
  routes: meetingsRoutes,
  seedDemo: async (db, { catalog }) => {
    const { seedDemoMeeting } = await import('./seed.js');
    await seedDemoMeeting(db, catalog, SYSTEM_ACTOR);
  },
  commands: registerMeetingCommands,
};
