import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importViolations, textViolations } from './checkLayout.js';

/** A throwaway tree shaped like the repository, with the given files. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layout-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const rulesHit = async (files: Record<string, string>) => {
  const roots = [...new Set(Object.keys(files).map((path) => path.split('/').slice(0, 2).join('/')))];
  return (await importViolations(roots, { baseDir: tree(files) })).map((v) => v.split(':')[0]);
};

describe('layout check: imports', () => {
  it('accepts features that meet through index.ts over a platform', async () => {
    expect(
      await rulesHit({
        'server/src/platform/clock.ts': 'export const now = () => 1;\n',
        'server/src/review/decide.ts': "import { now } from '../platform/clock.js';\nexport const decide = () => now();\n",
        'server/src/review/index.ts': "export { decide } from './decide.js';\n",
        'server/src/interviews/ingest.ts': "import { decide } from '../review/index.js';\nexport const ingest = () => decide();\n",
        'server/src/app.ts': "import { ingest } from './interviews/ingest.js';\nexport const app = ingest;\n",
      }),
    ).toEqual([]);
  });

  it('finds a cycle, a platform importing a feature, a feature reaching past index.ts and an upward import', async () => {
    const hits = await rulesHit({
      'server/src/platform/outbox.ts': "import { decide } from '../review/decide.js';\nexport const run = () => decide();\n",
      'server/src/review/decide.ts': "import { ingest } from '../interviews/ingest.js';\nexport const decide = () => ingest();\n",
      'server/src/interviews/ingest.ts': "import { decide } from '../review/decide.js';\nimport { app } from '../app.js';\nexport const ingest = () => decide() + app;\n",
      'server/src/app.ts': 'export const app = 1;\n',
    });
    expect(new Set(hits)).toEqual(new Set(['no-cycles', 'platform-imports-no-feature', 'features-through-index', 'nothing-imports-the-wiring']));
  });

  it('keeps Node built-ins and server code out of shared/', async () => {
    const hits = await rulesHit({
      'shared/src/hash.ts': "import { createHash } from 'node:crypto';\nimport { x } from '../../server/src/x.js';\nexport const h = () => createHash('sha256') && x;\n",
      'server/src/x.ts': 'export const x = 1;\n',
    });
    expect(new Set(hits)).toEqual(new Set(['shared-stays-portable', 'shared-imports-no-app']));
  });
});

describe('layout check: vocabulary', () => {
  const source = (path: string, text: string) => ({ path, text });

  it('allows DingTalk statuses inside the boundary and in tests, and refuses them elsewhere', () => {
    const files = [
      source('server/src/platform/dingtalk/schemas.ts', "status: z.enum(['RUNNING', 'COMPLETED'])"),
      source('server/src/review/flow.test.ts', "expect(approval.status).toBe('COMPLETED')"),
      source('server/src/review/execute.ts', "if (instance.status === 'RUNNING') return null;"),
      source('server/src/review/reconcile.ts', 'if (/not_?exist/i.test(code) || code === "processInstanceNotExist") return;'),
    ];
    expect(textViolations(files).map((v) => v.split(' — ')[0])).toEqual([
      "dingtalk-vocabulary-in-the-boundary: server/src/review/execute.ts:1: if (instance.status === 'RUNNING') return null;",
      'dingtalk-vocabulary-in-the-boundary: server/src/review/reconcile.ts:1: if (/not_?exist/i.test(code) || code === "processInstanceNotExist") return;',
    ]);
  });

  it('refuses a route that wakes the worker, parses by hand or reads the time itself', () => {
    const files = [
      source('server/src/admin/routes.ts', 'deps.wake();\nconst parsed = Schema.safeParse(ctx.query);\nconst at = new Date();'),
      source('server/src/admin/retry.ts', 'const now = deps.clock.now();\ndeps.wake();'),
    ];
    expect(textViolations(files).map((v) => v.split(':')[0]).sort()).toEqual(['one-clock', 'one-validator', 'routes-never-wake']);
  });
});
