// The rule-of-law capability: the register of emergency measures (per partner, each measure that
// limited a right or a procedure during an emergency, its review and outcome).
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { RULE_OF_LAW_DOMAIN } from './measures.js';
import { measuresRoutes } from './measures.routes.js';
import * as emergencyMeasures from './migrations/20261210T0000_emergency_measures.js';

export const ruleOfLawModule: Module<CatalogContext> = {
  name: 'rule_of_law',
  migrations: { '20261210T0000_emergency_measures': emergencyMeasures },
  routes: measuresRoutes,
  // Reviewers can be limited to the register (or to other domains, without it).
  reviewDomains: () => [RULE_OF_LAW_DOMAIN],
  seedDemo: async (db) => {
    // Loaded on demand: the illustrative measures are only needed on a new demo database.
    const { seedDemoMeasures } = await import('./seed.js');
    await seedDemoMeasures(db);
  },
};
