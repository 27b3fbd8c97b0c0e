// A publication may be scheduled: submissions.publish_at is the moment an approved submission's
// scheduled release becomes public (null when none is scheduled). The release itself is made at
// scheduling time, dated publish_at, so the read model shows nothing of it before then.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('publish_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submissions').dropColumn('publish_at').execute();
}
