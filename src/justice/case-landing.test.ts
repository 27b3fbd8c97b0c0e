import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { CATALOG_DIR, PROJECT_ROOT } from '../platform/paths.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { storedValues } from '../statistics/submissions.service.js';
import { applyValues } from '../statistics/value-entry.service.js';
import type { CheckedValue } from '../statistics/value-input.js';
import { describeEachDatabase } from '../testing/databases.js';
import { ORG_UNIT_KINDS } from '../testing/factories.js';
import { countCases } from './case-counts.js';
import { createCaseImport, DATASET, runCaseImport, valuesForYear } from './case-import.service.js';
import { DEFAULT_MAPPING } from './mapping.js';

const catalog = loadCatalogs(CATALOG_DIR);
const dir = mkdtempSync(join(tmpdir(), 'jha-landing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COURTS = ['AL-CRT-TIRANA', 'AL-CRT-DURRES', 'AL-CRT-APPEAL'];
const CATEGORIES = ['civil_litigious', 'administrative', 'criminal_minor'];

/** A case file over 2020–2023; `variant` changes the figures and leaves some cells out. */
function caseFile(name: string, variant: number): string {
  const lines = ['case_id,court,case_type,instance,filed_on,closed_on'];
  for (let i = 0; i < 3000; i += 1) {
    const category = CATEGORIES[(i + variant) % (variant ? 2 : 3)]!;
    const filed = `${2020 + (i % 4)}-${String(1 + (i % 12)).padStart(2, '0')}-10`;
    const closed = (i + variant) % 3 ? '' : `${2021 + (i % 3)}-06-${String(11 + (i % 17)).padStart(2, '0')}`;
    lines.push(`K${i},${COURTS[(i * (variant + 1)) % 3]},${category},${i % 5 ? 'first' : 'second'},${filed},${closed}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** What an import leaves for a partner: values, partner cells, findings, versions and the values audited, by period. */
async function landed(db: Db, partner: string) {
  const submissions = await db
    .selectFrom('submissions')
    .selectAll()
    .where('dataset', '=', DATASET)
    .where('partner_code', '=', partner)
    .execute();
  const period = new Map(submissions.map((s) => [s.id, s.period]));
  const ids = [...period.keys()];
  const values = await db.selectFrom('data_values').selectAll().where('submission_id', 'in', ids).execute();
  const cells = await db.selectFrom('partner_cells').selectAll().where('submission_id', 'in', ids).execute();
  const findings = await db.selectFrom('validation_findings').selectAll().where('submission_id', 'in', ids).execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'before_json', 'after_json'])
    .where('entity_type', '=', 'submission')
    .where('entity_id', 'in', ids)
    .orderBy('seq')
    .execute();
  const sorted = (rows: string[]) => rows.sort();
  const unkeyed = (json: string | null) => json?.replaceAll(`"partner":"${partner}"`, '"partner":"?"') ?? null;
  return {
    submissions: sorted(submissions.map((s) => `${s.period} ${s.status} v${s.version}`)),
    values: sorted(values.map((v) => `${period.get(v.submission_id)} ${v.variable} ${v.org_unit} ${v.coords} ${v.value_num}`)),
    cells: sorted(cells.map((c) => `${period.get(c.submission_id)} ${c.variable} ${c.coords} ${c.value_num} ${c.source} ${c.units}`)),
    findings: sorted(findings.map((f) => `${period.get(f.submission_id)} ${f.key} ${f.severity} ${f.message} ${f.details_json}`)),
    audit: audit.map((a) => [a.action, period.get(a.entity_id), unkeyed(a.before_json), unkeyed(a.after_json)]),
  };
}

describeEachDatabase('landing case counts in bulk', (get) => {
  beforeAll(async () => {
    await importOrgUnits(get().db, cliActor(), readFileSync(join(PROJECT_ROOT, 'demo', 'org-units.csv'), 'utf8'), ORG_UNIT_KINDS);
  });

  /** The import as it runs (bulk), for AL. */
  async function importFor(file: string) {
    const req = { partner: 'AL', file, fileName: 'cases.csv', format: 'csv' as const };
    const id = await createCaseImport(get().db, { kind: 'operator', label: 'cli' }, cliActor(), req);
    return runCaseImport(get().db, catalog, cliActor(), id, req);
  }

  /** The same counts saved one submission after the other with applyValues, as imports did before, for ME. */
  async function oneByOne(file: string) {
    const counted = await countCases({
      file,
      format: 'csv',
      mapping: DEFAULT_MAPPING,
      courts: COURTS,
      categories: catalog.dimensions.get('case_category')!.codes.map((c) => c.code),
      instances: catalog.dimensions.get('instance')!.codes.map((c) => c.code),
    });
    return get()
      .db.transaction()
      .execute(async (trx) => {
        const out = [];
        for (const year of counted.years) {
          const key = { dataset: DATASET, partner: 'ME', period: String(year) };
          const fresh = valuesForYear(counted.counts, year);
          const keep = new Set(fresh.map((v) => `${v.variable}|${v.orgUnit}|${v.coords}`));
          const stale = (await storedValues(trx, key))
            .filter((v) => v.variable.startsWith('cases.') && !keep.has(`${v.variable}|${v.orgUnit}|${v.coords}`))
            .map((v): CheckedValue => ({ ...v, num: null, code: null, comment: null, obsStatus: null, remove: true }));
          const r = await applyValues(trx, catalog, cliActor(), key, [...fresh, ...stale], undefined);
          out.push({ period: key.period, created: r.created, changed: r.changed, unchanged: r.unchanged, removed: r.removed });
        }
        return out;
      });
  }

  it('leaves what saving each submission one after the other left: values, cells, findings, versions, audit', async () => {
    const first = caseFile('first.csv', 0);
    const second = caseFile('second.csv', 1);
    const results = [];
    for (const file of [first, second, second]) {
      const bulk = await importFor(file);
      expect(bulk.submissions).toEqual(await oneByOne(file));
      expect(await landed(get().db, 'AL')).toEqual(await landed(get().db, 'ME'));
      results.push(bulk.submissions);
    }
    const [created, replaced, again] = results;
    expect(created!.map((s) => s.period)).toEqual(['2020', '2021', '2022', '2023']);
    // The second file has fewer categories and other figures: cells go, others change; the same file again changes nothing.
    expect(replaced!.every((s) => s.removed > 0 && s.changed > 0)).toBe(true);
    expect(again!.every((s) => s.created + s.changed + s.removed === 0)).toBe(true);
    const after = await landed(get().db, 'AL');
    expect(after.findings).toHaveLength(50);
    expect(after.submissions).toEqual(['2020 draft v2', '2021 draft v2', '2022 draft v2', '2023 draft v2']);
  });
});
