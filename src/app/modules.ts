// The composition root's one list: every capability module, in the order they are wired (routes
// register, start-up steps and demo seeds run in this order). Adding a capability is one line here.
import { commitmentsModule } from '../commitments/module.js';
import { justiceModule } from '../justice/module.js';
import { meetingsModule } from '../meetings/module.js';
import { migrationModule } from '../migration/module.js';
import type { Module } from '../platform/module.js';
import { reportsModule } from '../reports/module.js';
import { ruleOfLawModule } from '../rule_of_law/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { statisticsModule } from '../statistics/module.js';

export type AppContext = CatalogContext;
export type AppModule = Module<AppContext>;

export const modules: readonly AppModule[] = [
  statisticsModule,
  justiceModule,
  migrationModule,
  commitmentsModule,
  meetingsModule,
  reportsModule,
  ruleOfLawModule,
];
