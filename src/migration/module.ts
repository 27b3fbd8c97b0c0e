// The migration capability: the regional exchange of migration statistics and early warnings.
import { migrationTasks } from './tasks.service.js';
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { checkAlertsOnChange } from './alerts.service.js';
import { registerAlertCommands } from './cli.js';
import { migrationRoutes } from './migration.routes.js';
import * as migrationTables from './migrations/20261128T0400_migration.js';

export const migrationModule: Module<CatalogContext> = {
  name: 'migration',
  tasks: (db, _ctx, viewer) => migrationTasks(db, viewer),
  migrations: { '20261128T0400_migration': migrationTables },
  routes: migrationRoutes,
  // Early warnings are checked whenever migration figures are saved, imported or submitted.
  subscribe: (bus) => bus.on('statistics.submissions-changed', checkAlertsOnChange),
  commands: registerAlertCommands,
};
