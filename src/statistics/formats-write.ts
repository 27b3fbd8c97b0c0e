// Writing values in the import layout: CSV, JSON and XLSX (exports and templates).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { spreadsheetSafe } from '../platform/exports/tables.js';
import { columnsFor, flatten, hasEvidence, type ExportRow } from './formats-rows.js';

/** CSV in the import layout; a text a spreadsheet would run as a formula (a comment such as `=cmd|…`) is neutralised. */
export function writeCsv(rows: ExportRow[], dims: string[]): string {
  const withStatus = rows.some((r) => r.status);
  const withEvidence = hasEvidence(rows);
  return stringify([
    columnsFor(dims, withStatus, withEvidence),
    ...rows.map((r) => flatten(r, dims, withStatus, withEvidence).map(spreadsheetSafe)),
  ]);
}

export function writeJson(rows: ExportRow[]): string {
  return JSON.stringify(
    {
      values: rows.map((r) => ({
        dataset: r.dataset,
        partner: r.partner,
        org_unit: r.orgUnit || null,
        period: r.period,
        variable: r.variable,
        coords: r.coords,
        value: r.value,
        comment: r.comment,
        obs_status: r.obsStatus ?? null,
        ...(r.evidence?.length ? { evidence: r.evidence } : {}),
        ...(r.status ? { status: r.status } : {}),
      })),
    },
    null,
    2,
  );
}

/** An XLSX workbook in the import layout; `note` goes to a second sheet for the person filling it in. */
export async function writeXlsx(rows: ExportRow[], dims: string[], note?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'JHA Hub';
  const sheet = workbook.addWorksheet('values');
  const withStatus = rows.some((r) => r.status);
  const withEvidence = hasEvidence(rows);
  const columns = columnsFor(dims, withStatus, withEvidence);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: c === 'variable' ? 28 : c === 'comment' ? 40 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(flatten(r, dims, withStatus, withEvidence));
  if (note) workbook.addWorksheet('read me').addRows(note.split('\n').map((line) => [line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
