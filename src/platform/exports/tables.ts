// Writes rows as CSV or as an XLSX workbook with one sheet, for the exports of every capability.
import { stringify } from 'csv-stringify/sync';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @ or a control character first) gets a
 * leading apostrophe: exports carry free text from partners, opened in Excel by others.
 */
export function spreadsheetSafe(value: string | number | null): string | number {
  if (value === null) return '';
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function rowsToCsv<K extends string>(columns: readonly K[], rows: readonly Record<K, string | number | null>[]): string {
  return stringify([columns as unknown as string[], ...rows.map((r) => columns.map((c) => spreadsheetSafe(r[c] ?? null)))]);
}

export async function rowsToXlsx<K extends string>(
  sheetName: string,
  columns: readonly K[],
  rows: readonly Record<K, string | number | null>[],
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: /title|narrative|comment|evidence/.test(c) ? 50 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
