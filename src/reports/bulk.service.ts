// The bulk download: every dataset with published figures as CSV (codes and names) and SDMX-CSV,
// the SDMX-ML structure of each, and a README with the licence and how to cite it, as one zip
// archive written while it is sent. Datasets are read one after the other, and the next only once
// the archive has taken the files of the one before, so that one dataset's values are in memory
// at a time. Published figures only, the same for every caller.
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Db } from '../platform/db/database.js';
import type { Catalog } from '../statistics/catalog.js';
import { namesOf, publishedValues, sdmxReference } from '../statistics/downloads.service.js';
import { tableCsv, valuesTable } from '../statistics/labelled-table.js';
import { lastPublication } from '../statistics/read-model.service.js';
import { datasetDataflow } from '../statistics/sdmx.js';
import { valuesSdmxCsv } from '../statistics/sdmx-csv.js';
import { readmeText, type ArchivedDataset } from './readme.js';
import { structureMessage } from './sdmx-structure.js';

export const ZIP_TYPE = 'application/zip';
export const ARCHIVE_NAME = 'jha-hub-published-data.zip';

/**
 * The archive as a stream: `csv/<dataset>.csv`, `sdmx-csv/<DATAFLOW>.csv`, `structures/<DATAFLOW>.xml`
 * per dataset with published values, then `README.txt`. Entries are dated by the last publication,
 * so that the same published figures give the same bytes. A failure while writing ends the stream
 * with the error (the client sees a cut download, never a partial archive that looks whole).
 */
export function publishedArchive(db: Db, catalog: Catalog, url: string): Readable {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  // A client that goes away (or a HEAD request) closes the stream: the writing stops with it.
  let stopped = false;
  const closed = new Promise<void>((resolve) =>
    output.once('close', () => {
      stopped = true;
      resolve();
    }),
  );
  (async () => {
    const [ref, last] = await Promise.all([
      sdmxReference(db),
      lastPublication(db, { datasets: [...catalog.datasets.keys()] }, { publishedOnly: true }),
    ]);
    const mtime = new Date(last ?? '1980-01-01T00:00:00Z');
    const prepared = last ?? new Date(0).toISOString();
    const names = namesOf(ref);
    /** Adds an entry; resolves once the archive has read it (the text is then let go), or the stream is closed. */
    const add = async (name: string, text: string) => {
      if (stopped) return;
      const read = new Promise<void>((resolve, reject) => {
        let body: Buffer | null = Buffer.from(text, 'utf8');
        zip.addReadStreamLazy(name, { mtime, compress: true }, (cb) => {
          const stream = Readable.from([body!], { objectMode: false });
          body = null;
          stream.on('end', resolve).on('error', reject);
          cb(null, stream);
        });
      });
      await Promise.race([read, closed]);
    };
    const archived: ArchivedDataset[] = [];
    for (const dataset of catalog.datasets.values()) {
      if (stopped) return;
      const rows = await publishedValues(db, catalog, dataset.code);
      if (rows.length === 0) continue;
      const flow = datasetDataflow(catalog, dataset, ref);
      const files = [`csv/${dataset.code}.csv`, `sdmx-csv/${flow.id}.csv`, `structures/${flow.id}.xml`];
      await add(files[0]!, tableCsv(valuesTable(catalog, dataset, rows, names, 'both')));
      await add(files[1]!, valuesSdmxCsv(catalog, dataset, flow, rows));
      await add(files[2]!, structureMessage(catalog, [flow], prepared));
      archived.push({ code: dataset.code, label: dataset.label, flow: flow.id, rows: rows.length, files });
    }
    await add('README.txt', readmeText(archived, last, url));
    if (!stopped) zip.end();
  })().catch((err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err))));
  return output;
}
