// The database for a command that needs nothing but it (`jha import cases`, see cli/main.ts): migrated
// and with the partner catalogue loaded, without loading the modules and the routes and services
// they bring. Their migrations are found as files instead: every `<capability>/migrations/` folder,
// each file named as the migration it holds (docs: migrations/<timestamp>_<name>.ts). allMigrations()
// in context.ts checks at every full start that the files and the modules' declarations agree.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../platform/config.js';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { migrateToLatest, openDatabase, type Db, type Migrations } from '../platform/db/database.js';
import { platformMigrations } from '../platform/db/migrations/index.js';
import { loadShippedPartners, syncPartners } from '../platform/partners/partners.service.js';

const SOURCE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIGRATION_FILE = /^(\d{8}T\d{4}_\w+)\.(js|ts)$/;

/** The capabilities' migration files by migration name (compiled .js, or .ts when run from source). */
function moduleMigrationFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(SOURCE_ROOT, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let names: string[];
    try {
      names = readdirSync(join(SOURCE_ROOT, entry.name, 'migrations'));
    } catch {
      continue;
    }
    for (const name of names) {
      const m = MIGRATION_FILE.exec(name);
      if (m) files.set(m[1]!, join(SOURCE_ROOT, entry.name, 'migrations', name));
    }
  }
  return files;
}

/** Throws when the modules declare other migrations than their folders hold (by name). */
export function checkMigrationFiles(declared: Migrations): void {
  const onDisk = [...Object.keys(platformMigrations), ...moduleMigrationFiles().keys()].sort();
  const names = Object.keys(declared).sort();
  if (onDisk.join() !== names.join())
    throw new Error(
      `The modules declare the migrations ${names.join(', ')}, but the migrations folders hold ${onDisk.join(', ')}: ` +
        'declare every file of a module’s migrations folder in its module, under the file’s name.',
    );
}

/** Every migration: the platform's and the capabilities' (imported from their files). */
async function loadMigrations(): Promise<Migrations> {
  const loaded = await Promise.all(
    [...moduleMigrationFiles()].map(async ([name, file]) => [name, await import(pathToFileURL(file).href)] as const),
  );
  return { ...platformMigrations, ...Object.fromEntries(loaded) };
}

/**
 * Opens the configured database, migrated and with the partner catalogue loaded; the modules' start
 * steps (shipped plans, read-model backfill, interrupted case imports) are left to the next full
 * start. The caller closes it.
 */
export async function openMigratedDatabase(config: Config): Promise<Db> {
  const partners = loadShippedPartners();
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db, await loadMigrations());
    await syncPartners(db, partners, SYSTEM_ACTOR);
    return db;
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
