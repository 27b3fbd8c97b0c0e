// Imports organisational units (courts, reception centres, …) from CSV with the columns
// code,name,partner,kind,parent. The whole file is checked first; any bad row rejects it and
// every bad row is reported. Insert or update, in one transaction, audited.
import { counted } from '../words.js';
import { clientMessage } from '../client-message.js';
import { parse } from 'csv-parse/sync';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { ValidationError } from '../errors.js';
import { findOrgUnit, insertOrgUnit, listPartners, updateOrgUnit } from './partners.repository.js';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

const REQUIRED = ['code', 'name', 'partner', 'kind', 'parent'];
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** The longest org-unit name (the longest court names run to some 120 characters). */
export const MAX_ORG_UNIT_NAME = 200;

/** Throws a ValidationError listing every problem (row numbers count the header as row 1). */
export function rowErrors(problems: RowProblem[], what: string): ValidationError {
  const lines = problems.slice(0, 50).map((p) => `row ${p.row}, ${p.column}: ${p.message}`);
  return new ValidationError(
    `${what} rejected, nothing was changed: ${counted(problems.length, 'problem')}. ${lines.join('; ')}${problems.length > 50 ? '; …' : ''}`,
    problems,
  );
}

/** The records of an org-unit CSV (header names folded to lower case); refused when unreadable or a column is missing. */
function readOrgUnitCsv(csv: string): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    throw new ValidationError(`The CSV file cannot be read: ${clientMessage(err)}`);
  }
  const header = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((h) => h.trim().toLowerCase());
  const twice = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (twice.length > 0)
    throw new ValidationError(
      `The CSV file names ${[...new Set(twice)].length === 1 ? 'the column' : 'the columns'} ${[...new Set(twice)].join(', ')} twice; each column may appear once.`,
      {
        twice,
      },
    );
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new ValidationError(
      `The CSV file lacks ${missing.length === 1 ? 'the column' : 'the columns'} ${missing.join(', ')}; expected ${REQUIRED.join(',')}.`,
      { missing },
    );
  return records;
}

/** Checks each row's own fields; returns where each code stands in the file (row, partner). */
function checkRows(
  records: Record<string, string>[],
  partners: Set<string>,
  kinds: ReadonlySet<string>,
  problems: RowProblem[],
): Map<string, { row: number; partner: string }> {
  const inFile = new Map<string, { row: number; partner: string }>();
  records.forEach((r, i) => {
    const row = i + 2;
    if (!CODE.test(r.code ?? ''))
      problems.push({
        row,
        column: 'code',
        message: `"${(r.code ?? '').slice(0, 80)}" is not a code (letters, digits, . _ -, at most 80)`,
      });
    else if (inFile.has(r.code!)) problems.push({ row, column: 'code', message: `${r.code} is also on row ${inFile.get(r.code!)!.row}` });
    if (!r.name) problems.push({ row, column: 'name', message: 'is empty' });
    else if (r.name.length > MAX_ORG_UNIT_NAME)
      problems.push({ row, column: 'name', message: `is ${r.name.length} characters long; at most ${MAX_ORG_UNIT_NAME}` });
    if (!partners.has((r.partner ?? '').toUpperCase()))
      problems.push({ row, column: 'partner', message: `"${(r.partner ?? '').slice(0, 80)}" is not a known partner code` });
    if (!kinds.has(r.kind ?? ''))
      problems.push({
        row,
        column: 'kind',
        message: `"${(r.kind ?? '').slice(0, 80)}" is not an org-unit kind of the catalogue (${[...kinds].sort().join(', ') || 'none'})`,
      });
    if (r.code) inFile.set(r.code, { row, partner: (r.partner ?? '').toUpperCase() });
  });
  return inFile;
}

/** Imports the file; `kinds` are the org-unit kinds the catalogue's datasets collect figures for. */
export async function importOrgUnits(
  db: Db,
  actor: Actor,
  csv: string,
  kinds: ReadonlySet<string>,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const records = readOrgUnitCsv(csv);
  const problems: RowProblem[] = [];
  const inFile = checkRows(records, new Set((await listPartners(db)).map((p) => p.code)), kinds, problems);
  return db.transaction().execute(async (trx) => {
    for (const [i, r] of records.entries()) {
      if (!r.parent) continue;
      const parent =
        inFile.get(r.parent) ?? (await findOrgUnit(trx, r.parent).then((u) => (u ? { row: 0, partner: u.partner_code } : undefined)));
      if (!parent)
        problems.push({
          row: i + 2,
          column: 'parent',
          message: `"${r.parent.slice(0, 80)}" is neither in the file nor an existing org unit`,
        });
      else if (parent.partner !== (r.partner ?? '').toUpperCase())
        problems.push({ row: i + 2, column: 'parent', message: `parent ${r.parent} belongs to another partner` });
      else if (r.parent === r.code) problems.push({ row: i + 2, column: 'parent', message: 'an org unit cannot be its own parent' });
    }
    if (problems.length > 0)
      throw rowErrors(
        problems.sort((a, b) => a.row - b.row),
        'Org unit file',
      );
    let created = 0,
      updated = 0,
      unchanged = 0;
    // Parents first, so that the foreign key holds while inserting.
    const pending = [...records];
    const done = new Set<string>();
    while (pending.length > 0) {
      const index = pending.findIndex((r) => !r.parent || done.has(r.parent) || !inFile.has(r.parent));
      if (index < 0) throw rowErrors([{ row: 0, column: 'parent', message: 'the parents form a cycle' }], 'Org unit file');
      const r = pending.splice(index, 1)[0]!;
      const row = {
        code: r.code!,
        name: r.name!,
        partner_code: r.partner!.toUpperCase(),
        kind: r.kind!,
        parent_code: r.parent || null,
        created_at: new Date().toISOString(),
      };
      const existing = await findOrgUnit(trx, row.code);
      if (!existing) {
        await insertOrgUnit(trx, row);
        await appendAuditEntry(trx, actor, { action: 'org_unit.create', entityType: 'org_unit', entityId: row.code, after: row });
        created += 1;
      } else if (existing.partner_code !== row.partner_code) {
        throw rowErrors(
          [{ row: records.indexOf(r) + 2, column: 'partner', message: `${row.code} already belongs to ${existing.partner_code}` }],
          'Org unit file',
        );
      } else if (existing.name !== row.name || existing.kind !== row.kind || existing.parent_code !== row.parent_code) {
        await updateOrgUnit(trx, row.code, { name: row.name, kind: row.kind, parent_code: row.parent_code });
        await appendAuditEntry(trx, actor, {
          action: 'org_unit.update',
          entityType: 'org_unit',
          entityId: row.code,
          before: existing,
          after: { ...existing, name: row.name, kind: row.kind, parent_code: row.parent_code },
        });
        updated += 1;
      } else {
        unchanged += 1;
      }
      done.add(row.code);
    }
    return { created, updated, unchanged };
  });
}
