// The justice capability: CEPEJ specifics and the case-level import.
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { caseImportJob, interruptAbandonedRuns } from './case-import-job.service.js';
import { CASE_IMPORT_JOB } from './case-import.service.js';
import { registerJusticeCommands } from './cli.js';
import { justiceRoutes } from './justice.routes.js';
import * as justiceTables from './migrations/20261128T0000_justice.js';
import * as caseImportJobs from './migrations/20261202T0000_case_import_jobs.js';

export const justiceModule: Module<CatalogContext> = {
  name: 'justice',
  migrations: { '20261128T0000_justice': justiceTables, '20261202T0000_case_import_jobs': caseImportJobs },
  routes: justiceRoutes,
  jobs: (ctx) => ({ [CASE_IMPORT_JOB]: caseImportJob(ctx.catalog) }),
  // Runs left `running` by a worker that died are marked interrupted and their files removed.
  start: async (db) => void (await interruptAbandonedRuns(db)),
  commands: registerJusticeCommands,
};
