// The import boundaries of .dependency-cruiser.cjs (run by `npm run lint`): they hold on the tree,
// and they catch the wrong imports they exist for.
import { cruise, type IViolation } from 'dependency-cruiser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../platform/paths.js';

const require = createRequire(import.meta.url);
const config = require(join(PROJECT_ROOT, '.dependency-cruiser.cjs')) as { forbidden: unknown[] };

async function violations(baseDir: string): Promise<string[]> {
  const result = await cruise(['src'], {
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden } as never,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  const output = result.output as { summary: { violations: IViolation[] } };
  return output.summary.violations
    .filter((v) => v.rule.severity === 'error')
    .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    .sort();
}

describe('import boundaries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jha-boundaries-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  it('fail on platform importing a capability, a repository outside its services and another capability’s repository', async () => {
    write('src/statistics/values.repository.ts', 'export const rows = 1;\n');
    write('src/statistics/values.service.ts', "import { rows } from './values.repository.js';\nexport const count = rows;\n");
    write('src/statistics/values.routes.ts', "import { rows } from './values.repository.js';\nexport const r = rows;\n");
    write('src/platform/http/app.ts', "import { count } from '../../statistics/values.service.js';\nexport const c = count;\n");
    write('src/meetings/briefing.service.ts', "import { rows } from '../statistics/values.repository.js';\nexport const b = rows;\n");
    write('src/meetings/agenda.service.ts', "import { count } from '../statistics/values.service.js';\nexport const a = count;\n");
    expect(await violations(dir)).toEqual([
      'platform-imports-capability: src/platform/http/app.ts → src/statistics/values.service.ts',
      'repository-outside-own-services:statistics: src/meetings/briefing.service.ts → src/statistics/values.repository.ts',
      'repository-outside-own-services:statistics: src/statistics/values.routes.ts → src/statistics/values.repository.ts',
    ]);
  });

  it('hold on the project’s own tree', async () => {
    expect(await violations(PROJECT_ROOT)).toEqual([]);
  });
});
