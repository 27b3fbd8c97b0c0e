// Brings a database to a usable state: every migration, the partner catalogue, each module's
// start-up step, and (on a new demo database) the demo users and the modules' demo content.
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { migrateToLatest, openDatabase, type Db } from '../platform/db/database.js';
import { DEMO_USERS, seedDemoUsers } from '../platform/demo.js';
import { loadShippedPartners, syncPartners } from '../platform/partners/partners.service.js';
import { allMigrations } from './context.js';
import { modules, type AppContext } from './modules.js';

export interface PreparedDatabase {
  db: Db;
  migrated: string[];
  demoUsersCreated: (typeof DEMO_USERS)[number][];
}

/** Opens the configured database and brings it up to date; the caller closes it. */
export async function prepareDatabase(ctx: AppContext, opts: { demo?: boolean } = {}): Promise<PreparedDatabase> {
  const partners = loadShippedPartners();
  const db = openDatabase(ctx.config.database);
  try {
    const migrated = await migrateToLatest(db, allMigrations());
    await syncPartners(db, partners, SYSTEM_ACTOR);
    for (const m of modules) await m.start?.(db, ctx);
    const demoUsersCreated = (opts.demo ?? ctx.config.demo) ? await seedDemoUsers(db) : [];
    // Demo content comes with the demo users, once, on a new database.
    if (demoUsersCreated.length > 0) for (const m of modules) await m.seedDemo?.(db, ctx);
    return { db, migrated, demoUsersCreated };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
