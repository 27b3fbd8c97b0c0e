// Case imports run as jobs of the platform queue: a run records the worker that took it
// (host:pid) and the temporary folder of its uploaded file, so that a run left behind by a worker
// that died can be marked interrupted and its file removed. Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_import_runs').addColumn('worker', 'text').execute();
  await db.schema.alterTable('case_import_runs').addColumn('upload_dir', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_import_runs').dropColumn('upload_dir').execute();
  await db.schema.alterTable('case_import_runs').dropColumn('worker').execute();
}
