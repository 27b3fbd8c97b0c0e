// Values out: exports in the import layout, with each value's observation and workflow status (as far as the viewer may see them; releases as of `asOf`) and the XLSX
// template for one dataset, partner and period, pre-filled with what is already stored.
import type { Db } from '../platform/db/database.js';
import { listOrgUnits } from '../platform/partners/partners.service.js';
import type { Catalog, Dataset } from './catalog.js';
import type { ExportRow } from './formats.js';
import { parseAsOf, readValues } from './read-model.service.js';
import { checkKey, requireDataset, type SubmissionKey } from './submissions.service.js';
import { parseCoordsKey } from './values.js';
import type { Viewer } from '../platform/viewer.js';

export function dimensionsOf(catalog: Catalog, dataset: Dataset): string[] {
  return [...new Set(dataset.variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
}

export async function exportValues(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  f: { dataset: string; partner?: string; period?: string; asOf?: string; publishedOnly?: boolean },
): Promise<ExportRow[]> {
  requireDataset(catalog, f.dataset);
  const rows = await readValues(
    db,
    viewer,
    { asOf: parseAsOf(f.asOf), publishedOnly: f.publishedOnly },
    { datasets: [f.dataset], partners: f.partner ? [f.partner] : undefined, periods: f.period ? [f.period] : undefined },
  );
  return rows
    .map((r) => ({
      dataset: r.dataset,
      partner: r.partner,
      orgUnit: r.orgUnit,
      period: r.period,
      variable: r.variable,
      coords: { ...parseCoordsKey(r.coords) },
      value: r.num ?? r.code,
      comment: r.comment,
      obsStatus: r.obsStatus,
      ...(r.evidence.length ? { evidence: r.evidence } : {}),
      status: r.status,
    }))
    .sort(
      (a, b) =>
        a.partner.localeCompare(b.partner) ||
        a.period.localeCompare(b.period) ||
        a.orgUnit.localeCompare(b.orgUnit) ||
        a.variable.localeCompare(b.variable) ||
        JSON.stringify(a.coords).localeCompare(JSON.stringify(b.coords)),
    );
}

function cross(dims: { code: string; codes: string[] }[]): Record<string, string>[] {
  return dims.reduce<Record<string, string>[]>((acc, d) => acc.flatMap((c) => d.codes.map((code) => ({ ...c, [d.code]: code }))), [{}]);
}

/** Every cell to fill: for each level (partner, then each org unit of a collected kind) and variable, the total and each full breakdown cell. */
export async function templateRows(db: Db, catalog: Catalog, viewer: Viewer, key: SubmissionKey): Promise<ExportRow[]> {
  const dataset = await checkKey(db, catalog, key);
  const units = (await listOrgUnits(db, key.partner)).filter((u) => dataset.orgUnitKinds.includes(u.kind)).map((u) => u.code);
  const levels = [...(dataset.partnerLevel ? [''] : []), ...units];
  const stored = new Map(
    (await exportValues(db, catalog, viewer, key)).map((r) => [`${r.orgUnit}|${r.variable}|${JSON.stringify(r.coords)}`, r]),
  );
  const rows: ExportRow[] = [];
  for (const orgUnit of levels) {
    for (const code of dataset.variables) {
      const variable = catalog.variables.get(code)!;
      const cells = [
        {},
        ...(variable.dimensions.length
          ? cross(variable.dimensions.map((d) => ({ code: d, codes: catalog.dimensions.get(d)!.codes.map((c) => c.code) })))
          : []),
      ];
      for (const coords of cells) {
        const existing = stored.get(`${orgUnit}|${code}|${JSON.stringify(coords)}`);
        rows.push({
          dataset: key.dataset,
          partner: key.partner,
          orgUnit,
          period: key.period,
          variable: code,
          coords,
          value: existing?.value ?? null,
          comment: existing?.comment ?? null,
          obsStatus: existing?.obsStatus ?? null,
          ...(existing?.evidence ? { evidence: existing.evidence } : {}),
        });
      }
    }
  }
  return rows;
}
