// `jha backup FILE` and `jha restore FILE`. SQLite: SQLite's online backup (better-sqlite3's
// db.backup), consistent while servers write to the database; a restore goes only into an empty or
// absent database and ends with the audit verification. PostgreSQL: refused with the pg_dump /
// pg_restore recipe (README, "Backup and restore"), since jha cannot know that the client tools
// installed match the server's version.
import BetterSqlite3 from 'better-sqlite3';
import type { Command } from 'commander';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { verifyAuditChain } from '../audit/audit.service.js';
import { formatAnchor } from '../audit/chain.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { CommandRunner } from '../module.js';
import { reportVerification } from './audit-report.js';

const BUSY_TIMEOUT_MS = 5000;

function refuse(message: string): never {
  throw new AppError('refused', 1, message);
}

function postgresRecipe(file: string): string {
  return [
    '  pg_dump -Fc --no-owner -f ' + file + ' -d "$DATABASE_URL"',
    'and restore into a new, empty database with:',
    '  createdb -T template0 NEW_DATABASE',
    '  pg_restore --no-owner --exit-on-error -d postgres://USER@HOST:5432/NEW_DATABASE ' + file,
    'then point DATABASE_URL at it and run `jha audit verify` (README, "Backup and restore").',
  ].join('\n');
}

/** The configured SQLite file, or a refusal naming what to do instead. */
function sqlitePath(config: Config, command: 'backup' | 'restore', file: string): string {
  const database = config.database;
  if (database.kind === 'postgres') {
    refuse(
      `${command}: DATABASE_URL is PostgreSQL, and jha ${command} works on SQLite only. ` +
        "Use PostgreSQL's own tools: dump (a consistent snapshot while the servers run) with\n" +
        postgresRecipe(file),
    );
  }
  if (database.path === ':memory:')
    refuse(`${command}: the database is in memory (DATABASE_URL=sqlite::memory:); there is no file to ${command}.`);
  return database.path;
}

/** The number of schema objects (tables, indexes, triggers, views) of a database file. */
function schemaObjects(db: BetterSqlite3.Database): number {
  const row = db.prepare(`select count(*) as n from sqlite_master where name not like 'sqlite_%'`).get() as { n: number };
  return row.n;
}

function hasTable(db: BetterSqlite3.Database, name: string): boolean {
  return db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !== undefined;
}

function quickCheck(db: BetterSqlite3.Database): string {
  return String(db.pragma('quick_check', { simple: true }));
}

function auditHeadOf(db: BetterSqlite3.Database): string {
  const head = db.prepare('select last_seq, last_hash from audit_head where id = 1').get() as
    { last_seq: number; last_hash: string } | undefined;
  return head ? formatAnchor({ seq: head.last_seq, hash: head.last_hash }) : 'none';
}

/** A temporary file next to `path` (same file system, so that the rename is atomic). */
function temporaryNextTo(path: string): string {
  return join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
}

function removeTemporary(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

async function backup(config: Config, target: string): Promise<string> {
  const file = resolve(target);
  const source = sqlitePath(config, 'backup', target);
  if (!existsSync(source)) refuse(`backup: there is no database at ${source}.`);
  if (file === source) refuse(`backup: ${file} is the database itself; name another file.`);
  if (existsSync(file)) refuse(`backup: ${file} already exists; name a new file (a backup never overwrites one).`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = temporaryNextTo(file);
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!hasTable(db, 'audit_head')) refuse(`backup: ${source} is not a JHA Hub database (it has no audit trail).`);
    // SQLite's online backup: a consistent copy, restarted when another connection writes meanwhile.
    await db.backup(partial);
  } catch (err) {
    removeTemporary(partial);
    throw err;
  } finally {
    db.close();
  }
  let head: string;
  const copy = new BetterSqlite3(partial, { fileMustExist: true });
  try {
    // A self-contained file: no -wal beside it.
    copy.pragma('journal_mode = DELETE');
    const check = quickCheck(copy);
    if (check !== 'ok') throw new Error(`the copy fails SQLite's check: ${check}`);
    head = auditHeadOf(copy);
  } catch (err) {
    copy.close();
    removeTemporary(partial);
    throw err;
  }
  copy.close();
  renameSync(partial, file);
  return `Backed up ${source} to ${file} (${statSync(file).size} bytes); its audit head is ${head}.\n`;
}

/** Refuses unless `path` is absent or an empty database that no process has open. */
function checkRestoreTarget(path: string): void {
  const inUse = () =>
    refuse(
      `restore refused: ${path}-wal exists, so a process has the database ${path} open (or left changes in it); stop the server first.`,
    );
  if (!existsSync(path)) {
    if (existsSync(`${path}-wal`)) inUse();
    return;
  }
  if (statSync(path).size > 0 || existsSync(`${path}-wal`)) {
    const db = new BetterSqlite3(path, { fileMustExist: true });
    let objects: number;
    try {
      objects = schemaObjects(db);
    } finally {
      db.close();
    }
    if (objects > 0) {
      refuse(
        `restore refused: the database ${path} is not empty (${objects} tables, indexes and triggers). ` +
          'Restore into an empty or absent database: point DATABASE_URL at a new file, or move this one away first.',
      );
    }
  }
  // Our connection was the last one unless another process has the database open.
  if (existsSync(`${path}-wal`)) inUse();
}

async function restore(config: Config, from: string): Promise<string> {
  const file = resolve(from);
  const target = sqlitePath(config, 'restore', from);
  if (!existsSync(file)) refuse(`restore: there is no file ${file}.`);
  if (file === target) refuse(`restore: ${file} is the configured database itself.`);
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  let head: string;
  try {
    let check: string;
    try {
      check = quickCheck(source);
    } catch (err) {
      refuse(`restore: ${file} is not a SQLite database (${err instanceof Error ? err.message : String(err)}).`);
    }
    if (check !== 'ok') refuse(`restore: ${file} is damaged: ${check}.`);
    if (!hasTable(source, 'audit_log') || !hasTable(source, 'audit_head'))
      refuse(`restore: ${file} is not a JHA Hub backup (it has no audit trail).`);
    head = auditHeadOf(source);
    checkRestoreTarget(target);
    mkdirSync(dirname(target), { recursive: true });
    const partial = temporaryNextTo(target);
    try {
      await source.backup(partial);
    } catch (err) {
      removeTemporary(partial);
      throw err;
    }
    checkRestoreTarget(target);
    rmSync(target, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(partial, target);
  } finally {
    source.close();
  }
  return `Restored ${file} into ${target}; the backup's audit head is ${head}.\n`;
}

/** `jha backup FILE` and `jha restore FILE`. */
export function registerBackupCommands<Ctx extends { config: Config }>(program: Command, withDatabase: CommandRunner<Ctx>): void {
  program
    .command('backup')
    .description('Copy the SQLite database to FILE, consistently while the server runs (PostgreSQL: prints the pg_dump recipe)')
    .argument('<file>', 'the backup file to create (never overwritten)')
    .action(async (file: string) => {
      process.stdout.write(await backup(withDatabase.context().config, file));
    });
  program
    .command('restore')
    .description('Restore a backup into the configured SQLite database, only when it is empty or absent; then verify the audit trail')
    .argument('<file>', 'a file made by `jha backup`')
    .action(async (file: string) => {
      process.stdout.write(await restore(withDatabase.context().config, file));
      // The restored database is migrated (a backup of an older release is brought up to date) and verified.
      reportVerification(await withDatabase((db) => verifyAuditChain(db)));
    });
}
