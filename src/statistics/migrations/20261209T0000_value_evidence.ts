// Evidence links of a value (coded answers above all: the law, the report that shows it): a JSON
// array of http(s) URLs, null when there are none; kept with the value and copied into releases.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('data_values').addColumn('evidence_json', 'text').execute();
  await db.schema.alterTable('release_values').addColumn('evidence_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('release_values').dropColumn('evidence_json').execute();
  await db.schema.alterTable('data_values').dropColumn('evidence_json').execute();
}
