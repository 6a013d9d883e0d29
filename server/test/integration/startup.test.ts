import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../../src/platform/config.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

/** Start the real entry point with `env` only (plus PATH); it must refuse and exit. */
async function startWith(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'aireview-start-'));
  try {
    await run(join(ROOT, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: `sqlite:${dir}/app.sqlite`, LOG_LEVEL: 'silent', ...env },
      timeout: 30_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('start-up check', () => {
  it('with a real DingTalk app key and nothing else it refuses to start, listing every problem, without a stack trace', async () => {
    const { code, stderr } = await startWith({ DINGTALK_APP_KEY: 'dingrealappkey' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration:/);
    for (const name of ['SESSION_SECRET', 'INGEST_SECRET', 'PUBLIC_BASE_URL', 'DINGTALK_APP_SECRET', 'DINGTALK_AGENT_ID', 'DINGTALK_CALLBACK_AES_KEY']) {
      expect(stderr).toContain(`  - ${name}:`);
    }
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("the README's Deploying checklist names exactly the settings the production check enforces", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Deploying'), readme.indexOf('\n## ', readme.indexOf('## Deploying') + 1));
    expect(section.length).toBeGreaterThan(100);
    const named = new Set([...section.matchAll(/`([A-Z][A-Z0-9_]{3,})`/g)].map((m) => m[1]!));
    // Every problem a bare production start reports, plus the conditional ones, is on the checklist…
    const enforced = new Set([
      ...configProblems({ NODE_ENV: 'production' }).map((p) => p.split(':')[0]!),
      ...configProblems({ NODE_ENV: 'production', VENDOR_WEBHOOK_URL: 'http://vendor.example.com' }).map((p) => p.split(':')[0]!),
      ...configProblems({ NODE_ENV: 'production', IMPORT_SECRET: 'x'.repeat(16) }).map((p) => p.split(':')[0]!),
      ...configProblems({ NODE_ENV: 'production', DINGTALK_API_BASE: 'http://x.example.com', DINGTALK_OAPI_BASE: 'http://y.example.com', DINGTALK_CALLBACK_TOKEN: 'sandboxtoken' }).map((p) => p.split(':')[0]!),
    ]);
    for (const name of enforced) expect(named, `checklist lacks ${name}`).toContain(name);
    // …and the checklist names no setting the check ignores.
    for (const name of named) expect(enforced, `checklist names ${name}, which the start-up check does not enforce`).toContain(name);
  });
});
