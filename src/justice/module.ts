// The justice capability: CEPEJ specifics and the case-level import.
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { registerJusticeCommands } from './cli.js';
import { justiceRoutes } from './justice.routes.js';
import * as justiceTables from './migrations/20261128T0000_justice.js';

export const justiceModule: Module<CatalogContext> = {
  name: 'justice',
  migrations: { '20261128T0000_justice': justiceTables },
  routes: justiceRoutes,
  commands: registerJusticeCommands,
};
