// The only place that writes SQL for plans, plan_objectives, plan_actions and commitments.
import type { DbOrTrx } from '../platform/db/database.js';
import type { CommitmentsTable, PlanActionsTable, PlanObjectivesTable, PlansTable } from './tables.js';

export function findPlan(db: DbOrTrx, code: string): Promise<PlansTable | undefined> {
  return db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listPlans(db: DbOrTrx): Promise<PlansTable[]> {
  return db.selectFrom('plans').selectAll().orderBy('kind').orderBy('code').execute();
}

export async function upsertPlan(db: DbOrTrx, row: PlansTable): Promise<void> {
  await db
    .insertInto('plans')
    .values(row)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        kind: row.kind,
        title: row.title,
        period_start: row.period_start,
        period_end: row.period_end,
        source: row.source,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function listObjectives(db: DbOrTrx, plan: string): Promise<PlanObjectivesTable[]> {
  return db.selectFrom('plan_objectives').selectAll().where('plan_code', '=', plan).orderBy('position').execute();
}

export async function upsertObjective(db: DbOrTrx, row: PlanObjectivesTable): Promise<void> {
  await db
    .insertInto('plan_objectives')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['plan_code', 'code']).doUpdateSet({ title: row.title, paraphrase: row.paraphrase, position: row.position }),
    )
    .execute();
}

export function listActions(db: DbOrTrx, plan: string): Promise<PlanActionsTable[]> {
  return db.selectFrom('plan_actions').selectAll().where('plan_code', '=', plan).orderBy('position').execute();
}

export async function upsertAction(db: DbOrTrx, row: PlanActionsTable): Promise<void> {
  await db
    .insertInto('plan_actions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['plan_code', 'code']).doUpdateSet({
        objective_code: row.objective_code,
        title: row.title,
        description: row.description,
        paraphrase: row.paraphrase,
        institutions: row.institutions,
        start_date: row.start_date,
        deadline: row.deadline,
        indicators_json: row.indicators_json,
        position: row.position,
      }),
    )
    .execute();
}

export function listCommitments(db: DbOrTrx, plan: string): Promise<CommitmentsTable[]> {
  return db.selectFrom('commitments').selectAll().where('plan_code', '=', plan).orderBy('action_code').orderBy('partner_code').execute();
}

export async function insertCommitmentIfMissing(db: DbOrTrx, row: CommitmentsTable): Promise<boolean> {
  const result = await db
    .insertInto('commitments')
    .values(row)
    .onConflict((oc) => oc.columns(['plan_code', 'action_code', 'partner_code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function planCounts(db: DbOrTrx): Promise<Map<string, { objectives: number; actions: number; commitments: number }>> {
  const count = async (table: 'plan_objectives' | 'plan_actions' | 'commitments') =>
    new Map(
      (
        await db
          .selectFrom(table)
          .select(['plan_code', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('plan_code')
          .execute()
      ).map((r) => [r.plan_code, Number(r.n)]),
    );
  const [objectives, actions, commitments] = await Promise.all([count('plan_objectives'), count('plan_actions'), count('commitments')]);
  const out = new Map<string, { objectives: number; actions: number; commitments: number }>();
  for (const plan of await listPlans(db))
    out.set(plan.code, {
      objectives: objectives.get(plan.code) ?? 0,
      actions: actions.get(plan.code) ?? 0,
      commitments: commitments.get(plan.code) ?? 0,
    });
  return out;
}

export function findAction(db: DbOrTrx, plan: string, code: string): Promise<PlanActionsTable | undefined> {
  return db.selectFrom('plan_actions').selectAll().where('plan_code', '=', plan).where('code', '=', code).executeTakeFirst();
}

export async function updateActionText(
  db: DbOrTrx,
  plan: string,
  code: string,
  patch: Partial<Pick<PlanActionsTable, 'title' | 'description' | 'deadline' | 'indicators_json' | 'institutions'>>,
): Promise<void> {
  await db.updateTable('plan_actions').set(patch).where('plan_code', '=', plan).where('code', '=', code).execute();
}

export async function nextActionPosition(db: DbOrTrx, plan: string): Promise<number> {
  const row = await db
    .selectFrom('plan_actions')
    .select((eb) => eb.fn.max<number>('position').as('m'))
    .where('plan_code', '=', plan)
    .executeTakeFirst();
  return row?.m === null || row?.m === undefined ? 0 : Number(row.m) + 1;
}
