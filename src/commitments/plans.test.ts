import type { FastifyInstance } from 'fastify';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { JHA, jhaEnv, runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { CatalogError } from '../platform/yaml.js';
import { parsePlan } from './plan-file.js';
import { PLANS_DIR, planSummaries, shippedPlans, syncPlans } from './plans.service.js';

const catalog = loadCatalogs(CATALOG_DIR);
const ctx = { partners: new Set(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']), indicators: new Set(catalog.indicators.keys()) };

describe('plan files', () => {
  it('names the file and line of a problem', () => {
    const text =
      'code: p\nkind: action_plan\ntitle: P\nobjectives:\n  - code: "1"\n    title: O\n    actions:\n      - { code: "1.1", title: A, partners: [AL, ZZ] }\n';
    expect(() => parsePlan(text, 'p.yaml', ctx)).toThrow(CatalogError);
    expect(() => parsePlan(text, 'p.yaml', ctx)).toThrow(
      /^p\.yaml:8: objectives\[1\]\.actions\[1\]\.partners: "ZZ" is not a known partner code/,
    );
    expect(() => parsePlan(text.replace('[AL, ZZ] }', '[AL], deadline: 2020-02-30 }'), 'p.yaml', ctx)).toThrow(
      /"2020-02-30" is not a calendar date|not a date/,
    );
    expect(() => parsePlan(text.replace('kind: action_plan', 'kind: wishlist'), 'p.yaml', ctx)).toThrow(
      /^p\.yaml:2: kind: "wishlist" is not one of/,
    );
    expect(() => parsePlan(text.replace('title: A,', 'title: A, B,'), 'p.yaml', ctx)).toThrow(/^p\.yaml:8: .*B: unknown key/);
  });
});

// The file's database is shared by its tests: each test first loads the shipped plans itself (one
// test changes a plan's wording), so that none depends on what another did before it.
describeEachDatabase('plans', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog });
  });
  afterAll(async () => app.close());

  /** Brings the database in line with the shipped plan files, as every start does. */
  const loadShippedPlans = async () => syncPlans(get().db, await shippedPlans(get().db, catalog), SYSTEM_ACTOR);
  const auditCount = async () =>
    Number(
      (
        await get()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads the counter-terrorism plan with five objectives and commitments for all six partners', async () => {
    await loadShippedPlans();
    const plans = await planSummaries(get().db);
    expect(plans.find((p) => p.code === 'jap_ct_2018')).toMatchObject({ objectives: 5, actions: 17, commitments: 42 });
    expect(plans.find((p) => p.code === 'firearms_ap_2020')).toMatchObject({ objectives: 4 });
    expect(plans.find((p) => p.code === 'salw_roadmap_2018')).toMatchObject({ objectives: 7, kind: 'roadmap' });
    expect(plans.find((p) => p.code === 'drugs_2021')).toMatchObject({ objectives: 11 });
    expect(plans.filter((p) => p.kind === 'recommendations').map((p) => [p.code, p.actions])).toEqual([
      ['rol_recommendations_al', 0],
      ['rol_recommendations_me', 0],
      ['rol_recommendations_mk', 0],
      ['rol_recommendations_rs', 0],
    ]);
    const partners = await get()
      .db.selectFrom('commitments')
      .select('partner_code')
      .distinct()
      .where('plan_code', '=', 'jap_ct_2018')
      .execute();
    expect(partners.map((p) => p.partner_code).sort()).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'XK']);
  });

  it('loads again without changes and without new audit entries', async () => {
    await loadShippedPlans();
    const before = await auditCount();
    expect((await loadShippedPlans()).changed).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('updates changed wording and audits it, keeping commitments', async () => {
    await loadShippedPlans();
    const dir = mkdtempSync(join(tmpdir(), 'jha-plans-'));
    cpSync(PLANS_DIR, dir, { recursive: true });
    const file = join(dir, 'firearms-action-plan-2020.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'Building a better intelligence picture',
        'Building a better intelligence picture (official wording)',
      ),
    );
    const { changed } = await syncPlans(get().db, await shippedPlans(get().db, catalog, dir), SYSTEM_ACTOR);
    expect(changed).toEqual(['firearms_ap_2020']);
    const entry = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'plan.update')
      .where('entity_id', '=', 'firearms_ap_2020')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.after_json).toContain('(official wording)');
    expect((await planSummaries(get().db)).find((p) => p.code === 'firearms_ap_2020')!.commitments).toBe(24);
  });

  it('serves plans publicly, with paraphrased titles flagged', async () => {
    await loadShippedPlans();
    const list = (await app.inject('/api/v1/plans')).json();
    expect(list.plans.map((p: { code: string }) => p.code)).toContain('jap_ct_2018');
    const plan = (await app.inject('/api/v1/plans/jap_ct_2018')).json();
    expect(plan.objectives).toHaveLength(5);
    expect(plan.objectives[0]).toMatchObject({ code: '1', paraphrase: true });
    expect(plan.objectives[0].actions.find((a: { code: string }) => a.code === '1.BA.1')).toMatchObject({
      partners: ['BA'],
      deadline: '2020-12-31',
      paraphrase: true,
    });
    // An action's partners in the catalogue's order (Kosovo third), not by code.
    expect(plan.objectives[0].actions.find((a: { code: string }) => a.code === '1.0').partners).toEqual([
      'AL',
      'BA',
      'XK',
      'ME',
      'MK',
      'RS',
    ]);
    expect((await app.inject('/api/v1/plans/nothing')).statusCode).toBe(404);
  });

  it('jha plans list and export', async () => {
    await loadShippedPlans();
    const jha = (args: string[]) => runJha(get(), args);
    const list = JSON.parse(jha(['plans', 'list', '--format', 'json']).stdout);
    expect(list.find((p: { code: string }) => p.code === 'jap_ct_2018')).toEqual({
      code: 'jap_ct_2018',
      title: 'Joint Action Plan on Counter-Terrorism for the Western Balkans',
      objectives: 5,
      actions: 17,
      commitments: 42,
    });
    const csv = jha(['plans', 'export', 'jap_ct_2018', '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe('plan,objective,objective_title,action,action_title,paraphrase,partner,start,deadline,indicators');
    expect(csv).toHaveLength(43);
    const xlsx = spawnSync(process.execPath, [JHA, 'plans', 'export', 'jap_ct_2018', '--format', 'xlsx'], { env: jhaEnv(get()) });
    expect(xlsx.stdout.subarray(0, 2).toString()).toBe('PK');
    expect(jha(['plans', 'export', 'nothing', '--format', 'csv']).stderr).toMatch(/Plan nothing does not exist/);
  });
});
