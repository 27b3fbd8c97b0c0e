// `jha audit verify|anchor` with and without AUDIT_KEY, `jha backup` and `jha restore`, through the real command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { JHA, runJha } from '../../testing/cli.js';
import { describeEachDatabase } from '../../testing/databases.js';

const AUDIT_KEY = 'cli-backup-test-audit-key-0123456789abcdef';
const KEYED = { AUDIT_KEY };

it('prints help for the audit, backup and restore commands', () => {
  for (const args of [['audit', 'anchor'], ['audit', 'verify'], ['backup'], ['restore']]) {
    const result = spawnSync(process.execPath, [JHA, ...args, '--help'], { encoding: 'utf8' });
    expect(result.status, args.join(' ')).toBe(0);
    expect(result.stdout).toMatch(/^Usage: jha/);
  }
});

describeEachDatabase('jha backup and restore', (get, kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'jha-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const jha = (args: string[], env: Record<string, string> = KEYED, input?: string) => runJha(get(), args, input, env);

  it('says when the chain is not keyed with a dedicated key, and needs AUDIT_KEY once entries are keyed with it', () => {
    const dev = jha(['audit', 'verify'], {});
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/^Audit trail intact: \d+ entries checked\.\n/);
    expect(dev.stdout).toContain(
      'Note: the chain is not keyed with a dedicated key: AUDIT_KEY is not set, so entries are keyed with a development key derived from SESSION_SECRET. Production must set AUDIT_KEY (see README, "Configuration").',
    );
    const added = jha(
      ['users', 'add', '--email', 'backup.admin@example.org', '--role', 'admin', '--password-stdin'],
      KEYED,
      'backup-pass-1234',
    );
    expect(added.code).toBe(0);
    const keyed = jha(['audit', 'verify']);
    expect(keyed.code).toBe(0);
    expect(keyed.stdout).not.toContain('not keyed with a dedicated key');
    const withoutKey = jha(['audit', 'verify'], {});
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toMatch(
      /^Audit trail broken at entry \d+: entry \d+ is keyed with AUDIT_KEY, which is not set: set AUDIT_KEY to verify the trail/,
    );
    const refused = jha(['users', 'add', '--email', 'nokey@example.org', '--role', 'admin', '--password-stdin'], {}, 'backup-pass-1234');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'jha: The audit trail is keyed with AUDIT_KEY, but AUDIT_KEY is not set: set it (to the same value) before changing data.\n',
    );
  }, 120_000);

  it('prints an anchor that verify --anchor accepts, and refuses a malformed one', () => {
    const taken = jha(['audit', 'anchor']);
    expect(taken.code).toBe(0);
    const [anchor, when] = taken.stdout.split('\n');
    expect(anchor).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(when).toMatch(/^Taken at \d{4}-\d\d-\d\dT[\d:.]+Z; entry \d+ was written at /);
    const checked = jha(['audit', 'verify', '--anchor', anchor!]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`Entry ${anchor!.split(':')[0]} matches the anchor ${anchor}, and the trail reaches it.`);
    const bad = jha(['audit', 'verify', '--anchor', 'latest']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('jha: --anchor: expected SEQ:HASH as `jha audit anchor` prints it (e.g. 42:3fa4…).\n');
  }, 120_000);

  if (kind === 'postgres') {
    it('refuses on PostgreSQL with the pg_dump / pg_restore recipe', () => {
      const file = join(dir, 'pg.dump');
      const backup = jha(['backup', file]);
      expect(backup.code).toBe(1);
      expect(backup.stderr).toMatch(/^jha: backup: DATABASE_URL is PostgreSQL, and jha backup works on SQLite only\./);
      expect(backup.stderr).toContain(`pg_dump -Fc --no-owner -f ${file} -d "$DATABASE_URL"`);
      expect(backup.stderr).toContain(`pg_restore --no-owner --exit-on-error -d postgres://USER@HOST:5432/NEW_DATABASE ${file}`);
      expect(existsSync(file)).toBe(false);
      const restore = jha(['restore', file]);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/^jha: restore: DATABASE_URL is PostgreSQL, and jha restore works on SQLite only\./);
    });
    return;
  }

  it('backs up a database with audited data; restores it into a fresh path, where the trail verifies and the data is there', () => {
    const anchor = jha(['audit', 'anchor']).stdout.split('\n')[0]!;
    const file = join(dir, 'jha-backup.sqlite');
    const backup = jha(['backup', file]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`^Backed up .+ to ${file} \\(\\d+ bytes\\); its audit head is ${anchor}\\.\\n$`));
    expect(jha(['backup', file]).stderr).toBe(`jha: backup: ${file} already exists; name a new file (a backup never overwrites one).\n`);

    const fresh = join(dir, 'restored', 'jha.sqlite');
    const at = { ...KEYED, DATABASE_URL: `sqlite:${fresh}` };
    const restored = jha(['restore', file], at);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      new RegExp(
        `^Restored ${file} into ${fresh}; the backup's audit head is ${anchor}\\.\\nAudit trail intact: \\d+ entries checked\\.\\n`,
      ),
    );
    const verified = jha(['audit', 'verify', '--anchor', anchor], at);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Audit trail intact: \d+ entries checked\.\nEntry \d+ matches the anchor/);
    const users = JSON.parse(jha(['users', 'list', '--format', 'json'], at).stdout) as { email: string }[];
    expect(users.map((u) => u.email)).toContain('backup.admin@example.org');
  }, 120_000);

  it('refuses to restore over a database that is not empty, naming it', () => {
    const file = join(dir, 'jha-backup.sqlite');
    const config = get().config;
    const path = config.kind === 'sqlite' ? config.path : '';
    const refused = jha(['restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^jha: restore refused: the database ${path} is not empty \\(\\d+ tables, indexes and triggers\\)\\. Restore into an empty or absent database`,
      ),
    );
    expect(JSON.parse(jha(['users', 'list', '--format', 'json']).stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: 'backup.admin@example.org' })]),
    );
  }, 120_000);
});
