// XLSX downloads: a data sheet (first, so that a dataset's workbook in the import layout can be
// uploaded back) and a metadata sheet — what the figures are, how they are made, their unit,
// source, periodicity, last release and footnotes, the licence, how to cite them, and the Kosovo
// designation footnote. Cells are written as values, never as formulas.
import ExcelJS from 'exceljs';
import type { Table } from './labelled-table.js';

export interface MetadataSheet {
  /** Field and text, one per row (a footnote per row). */
  about: [string, string][];
  /** A table below them (e.g. the variables of a dataset with their metadata). */
  table?: Table;
}

export async function downloadWorkbook(data: Table, metadata: MetadataSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'JHA Hub';
  const sheet = workbook.addWorksheet('data');
  sheet.columns = data.header.map((h) => ({
    header: h,
    key: h,
    width: /comment|note|_name$/.test(h) ? 32 : h === 'variable' || h === 'indicator' ? 28 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of data.rows) sheet.addRow(r);

  const about = workbook.addWorksheet('metadata');
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 100;
  for (const [field, text] of metadata.about) {
    const row = about.addRow([field, text]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  if (metadata.table) {
    about.addRow([]);
    about.addRow(metadata.table.header).font = { bold: true };
    for (const r of metadata.table.rows) about.addRow(r);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
