// Plans shipped as content (catalogs/plans/*.yaml, and an empty rule-of-law recommendations plan
// per enlargement partner): loaded into the database on start-up, one commitment per action and
// responsible partner; every change is audited. Reading plans is public.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors.js';
import { listPartners, partnerOrder } from '../platform/partners/partners.service.js';
import { CATALOG_DIR } from '../platform/paths.js';
import type { Catalog } from '../statistics/catalog.js';
import { loadPlanFiles, RULE_OF_LAW_PARTNERS, ruleOfLawPlan, type PlanDefinition, type PlanKind } from './plan-file.js';
import {
  findPlan,
  insertCommitmentIfMissing,
  listActions,
  listCommitments,
  listObjectives,
  listPlans,
  planCounts,
  upsertAction,
  upsertObjective,
  upsertPlan,
} from './plans.repository.js';
import type { PlanSummary } from './plans.schema.js';

export const PLANS_DIR = join(CATALOG_DIR, 'plans');

/** The shipped plans, checked against the partners and the catalogue's indicators. */
export async function shippedPlans(db: Db, catalog: Catalog, dir = PLANS_DIR): Promise<PlanDefinition[]> {
  const partners = await listPartners(db);
  const names = new Map(partners.map((p) => [p.code, p.name]));
  const plans = loadPlanFiles(dir, { partners: new Set(names.keys()), indicators: new Set(catalog.indicators.keys()) });
  return [...plans, ...RULE_OF_LAW_PARTNERS.map((p) => ruleOfLawPlan(p, names.get(p) ?? p))];
}

/** A comparable form: the partners of an action in one order, whatever order the file lists them in. */
function snapshot(plan: PlanDefinition) {
  return JSON.stringify({
    ...plan,
    objectives: plan.objectives.map((o) => ({ ...o, actions: o.actions.map((a) => ({ ...a, partners: [...a.partners].sort() })) })),
  });
}

/** The plan as stored; `catalogOnly` leaves out the actions added in the web UI (for comparing with the plan file). */
async function storedDefinition(db: Db, code: string, catalogOnly = false): Promise<PlanDefinition | null> {
  const plan = await findPlan(db, code);
  if (!plan) return null;
  const actions = (await listActions(db, code)).filter((a) => !catalogOnly || a.origin === 'catalog');
  const commitments = await listCommitments(db, code);
  const order = await partnerOrder(db);
  return {
    code: plan.code,
    kind: plan.kind as PlanDefinition['kind'],
    title: plan.title,
    periodStart: plan.period_start,
    periodEnd: plan.period_end,
    source: plan.source,
    objectives: (await listObjectives(db, code)).map((o) => ({
      code: o.code,
      title: o.title,
      paraphrase: o.paraphrase === 1,
      actions: actions
        .filter((a) => a.objective_code === o.code)
        .map((a) => ({
          code: a.code,
          title: a.title,
          description: a.description,
          paraphrase: a.paraphrase === 1,
          partners: commitments
            .filter((c) => c.action_code === a.code)
            .map((c) => c.partner_code)
            .sort(order),
          institutions: a.institutions,
          start: a.start_date,
          deadline: a.deadline,
          indicators: JSON.parse(a.indicators_json) as string[],
        })),
    })),
  };
}

/**
 * Brings the database in line with the plan definitions: new plans, objectives, actions and
 * commitments are added and changed wording is updated; nothing is removed (reports may refer to it).
 */
export async function syncPlans(db: Db, plans: PlanDefinition[], actor: Actor): Promise<{ changed: string[] }> {
  const changed: string[] = [];
  for (const plan of plans) {
    const before = await storedDefinition(db, plan.code, true);
    if (before && snapshot(before) === snapshot(plan)) continue;
    await db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      await upsertPlan(trx, {
        code: plan.code,
        kind: plan.kind,
        title: plan.title,
        period_start: plan.periodStart,
        period_end: plan.periodEnd,
        source: plan.source,
        updated_at: now,
      });
      let position = 0;
      for (const [i, o] of plan.objectives.entries()) {
        await upsertObjective(trx, { plan_code: plan.code, code: o.code, title: o.title, paraphrase: o.paraphrase ? 1 : 0, position: i });
        for (const a of o.actions) {
          await upsertAction(trx, {
            plan_code: plan.code,
            code: a.code,
            objective_code: o.code,
            title: a.title,
            description: a.description,
            paraphrase: a.paraphrase ? 1 : 0,
            institutions: a.institutions,
            start_date: a.start,
            deadline: a.deadline,
            indicators_json: JSON.stringify(a.indicators),
            position: position++,
            origin: 'catalog',
          });
          for (const partner of a.partners)
            await insertCommitmentIfMissing(trx, { id: randomUUID(), plan_code: plan.code, action_code: a.code, partner_code: partner });
        }
      }
      await appendAuditEntry(trx, actor, {
        action: before ? 'plan.update' : 'plan.create',
        entityType: 'plan',
        entityId: plan.code,
        before: before ?? undefined,
        after: plan,
      });
    });
    changed.push(plan.code);
  }
  return { changed };
}

export async function planSummaries(db: Db): Promise<PlanSummary[]> {
  const counts = await planCounts(db);
  return (await listPlans(db)).map((p) => ({
    code: p.code,
    kind: p.kind as PlanKind,
    title: p.title,
    ...(counts.get(p.code) ?? { objectives: 0, actions: 0, commitments: 0 }),
  }));
}

/** One plan with its objectives, actions and the partners committed to each action. */
export async function planDetail(db: Db, code: string): Promise<PlanDefinition> {
  const plan = await storedDefinition(db, code);
  if (!plan) throw new NotFoundError('Plan', code);
  return plan;
}

export interface CommitmentRow {
  plan: string;
  objective: string;
  objective_title: string;
  action: string;
  action_title: string;
  paraphrase: string;
  partner: string;
  start: string;
  deadline: string;
  indicators: string;
}

/** One row per commitment, for CSV and XLSX exports. */
export async function commitmentRows(db: Db, code: string): Promise<CommitmentRow[]> {
  const plan = await planDetail(db, code);
  return plan.objectives.flatMap((o) =>
    o.actions.flatMap((a) =>
      a.partners.map((partner) => ({
        plan: plan.code,
        objective: o.code,
        objective_title: o.title,
        action: a.code,
        action_title: a.title,
        paraphrase: a.paraphrase ? 'yes' : 'no',
        partner,
        start: a.start ?? '',
        deadline: a.deadline ?? '',
        indicators: a.indicators.join(' '),
      })),
    ),
  );
}
