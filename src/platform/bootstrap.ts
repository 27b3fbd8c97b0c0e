// Brings a database to a usable state: migrations, the partner catalogue, and (when asked) demo data.
// It is the composition root of start-up, so it may call into the capabilities.
import type { Config } from './config.js';
import { openDatabase, migrateToLatest, type Db } from './db/database.js';
import { SYSTEM_ACTOR } from './audit/actor.js';
import { loadShippedPartners, syncPartners } from './partners/partners.service.js';
import { seedDemoUsers, DEMO_USERS } from './demo.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { shippedPlans, syncPlans } from '../commitments/plans.service.js';
import { CATALOG_DIR } from './paths.js';

export interface PreparedDatabase {
  db: Db;
  migrated: string[];
  demoUsersCreated: typeof DEMO_USERS[number][];
}

export async function prepareDatabase(config: Config, opts: { demo?: boolean } = {}): Promise<PreparedDatabase> {
  const partners = loadShippedPartners();
  const db = openDatabase(config.database);
  try {
    const migrated = await migrateToLatest(db);
    await syncPartners(db, partners, SYSTEM_ACTOR);
    const catalog = loadCatalogs(CATALOG_DIR);
    await syncPlans(db, await shippedPlans(db, catalog), SYSTEM_ACTOR);
    const demoUsersCreated = (opts.demo ?? config.demo) ? await seedDemoUsers(db) : [];
    // Demo figures come with the demo users, once, on a new database.
    if (demoUsersCreated.length > 0) {
      // Early warnings are checked on the demo figures as on any import (the feed starts with a few).
      await import('../migration/alerts.service.js');
      const { seedDemoStatistics } = await import('../statistics/demo.js');
      await seedDemoStatistics(db, catalog);
      const { seedDemoMeeting } = await import('../meetings/seed.js');
      await seedDemoMeeting(db, catalog, SYSTEM_ACTOR);
    }
    return { db, migrated, demoUsersCreated };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
