// SDMX structures of the catalogue's dataflows (one per dataset, one per indicator), with the code
// lists of partners and org units from the database.
import type { Db } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors.js';
import type { Catalog } from '../statistics/catalog.js';
import { sdmxReference } from '../statistics/downloads.service.js';
import { allDataflows } from '../statistics/sdmx.js';
import { dataflowsMessage, structureMessage } from './sdmx-structure.js';

/** Every dataflow, as an SDMX-ML 2.1 structure message. */
export async function dataflowList(db: Db, catalog: Catalog, prepared = new Date().toISOString()): Promise<string> {
  return dataflowsMessage(allDataflows(catalog, await sdmxReference(db)), prepared);
}

/** The full structure of one dataflow (e.g. JUSTICE_ANNUAL, IND_JUSTICE_CLEARANCE_RATE); 404 for an unknown one. */
export async function dataflowStructure(db: Db, catalog: Catalog, id: string, prepared = new Date().toISOString()): Promise<string> {
  const flow = allDataflows(catalog, await sdmxReference(db)).find((f) => f.id === id.toUpperCase());
  if (!flow) throw new NotFoundError('Dataflow', id);
  return structureMessage(catalog, [flow], prepared);
}
