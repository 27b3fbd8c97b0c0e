// Demo accounts for a local trial of the embedded default. Their passwords are public (README):
// never enable JHA_DEMO on a shared deployment.
import type { Db } from './db/database.js';
import { SYSTEM_ACTOR } from './audit/actor.js';
import { countUsers, createUser } from './users/users.service.js';

export const DEMO_USERS = [
  { email: 'admin@example.org', name: 'Demo Admin', role: 'admin', partner: null, password: 'demo-admin-pass' },
  { email: 'commission@example.org', name: 'Demo Desk Officer', role: 'commission', partner: null, password: 'demo-commission-pass' },
  { email: 'reviewer@example.org', name: 'Demo Reviewer', role: 'reviewer', partner: null, password: 'demo-reviewer-pass' },
  {
    email: 'coordinator.al@example.org',
    name: 'Demo Coordinator Albania',
    role: 'coordinator',
    partner: 'AL',
    password: 'demo-coordinator-pass',
  },
  {
    email: 'coordinator.rs@example.org',
    name: 'Demo Coordinator Serbia',
    role: 'coordinator',
    partner: 'RS',
    password: 'demo-coordinator-pass',
  },
  {
    email: 'coordinator.me@example.org',
    name: 'Demo Coordinator Montenegro',
    role: 'coordinator',
    partner: 'ME',
    password: 'demo-coordinator-pass',
  },
] as const;

/** Creates the demo users when the database has no user yet; returns those created (empty otherwise). */
export async function seedDemoUsers(db: Db): Promise<(typeof DEMO_USERS)[number][]> {
  if ((await countUsers(db)) > 0) return [];
  for (const u of DEMO_USERS) await createUser(db, SYSTEM_ACTOR, u);
  return [...DEMO_USERS];
}
