import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cruiser = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string): Violation[] {
  const run = spawnSync(
    process.execPath,
    [cruiser, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

/** A small tree that breaks every rule once, to show that each rule catches what it says. */
function brokenTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yj-boundaries-'));
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    'src/domain/rating/bands.ts':
      "import { readFileSync } from 'node:fs';\nimport { db } from '../../platform/db.js';\nexport const x = [readFileSync, db];\n",
    'src/platform/db.ts': 'export const db = 1;\n',
    'src/platform/logger.ts': "import { plans } from '../features/plans/index.js';\nexport const log = plans;\n",
    'src/features/plans/index.ts': "export const plans = 1;\nexport { planAreas } from './tables.js';\n",
    'src/features/plans/tables.ts': 'export const planAreas = 1;\n',
    'src/features/plans/service.ts':
      "import { reportText } from '../report/service.js';\nexport const s = reportText;\n",
    'src/features/report/service.ts':
      "import { planAreas } from '../plans/tables.js';\nexport const reportText = planAreas;\n",
    'src/features/report/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
    'src/features/report/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    'src/cli/commands/plans.ts':
      "import { planAreas } from '../../features/plans/tables.js';\nexport const c = planAreas;\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the layout boundaries (.dependency-cruiser.cjs)', () => {
  it('hold for the application as it is', () => {
    expect(cruise(root).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it('catch each kind of violation in a tree that breaks them', () => {
    const found = cruise(brokenTree()).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'domain-does-no-io: src/domain/rating/bands.ts -> fs',
        'domain-is-pure: src/domain/rating/bands.ts -> src/platform/db.ts',
        'platform-below-features: src/platform/logger.ts -> src/features/plans/index.ts',
        'index-does-not-export-tables: src/features/plans/index.ts -> src/features/plans/tables.ts',
        'feature-through-its-index: src/features/plans/service.ts -> src/features/report/service.ts',
        'feature-through-its-index: src/features/report/service.ts -> src/features/plans/tables.ts',
        'cli-uses-feature-indexes: src/cli/commands/plans.ts -> src/features/plans/tables.ts',
      ]),
    );
    expect(found.some((v) => v.startsWith('no-cycles: src/features/report/a.ts'))).toBe(true);
  });
});
