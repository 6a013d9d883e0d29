/**
 * The layout rules of README.md (Layout), checked instead of trusted: `npm run check:layout`, part of
 * `npm test` and so of CI. Import rules go through dependency-cruiser; the vocabulary rules are text
 * searches over the server's non-test sources. Prints every violation and exits 1 when there is one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Import rules. Paths are relative to the repository root. */
export const IMPORT_RULES: IForbiddenRuleType[] = [
  { name: 'no-cycles', severity: 'error', comment: 'no import cycles anywhere', from: {}, to: { circular: true } },
  {
    name: 'platform-imports-no-feature',
    severity: 'error',
    comment: 'platform/ knows no business rules: it never imports a feature or the wiring',
    from: { path: '^server/src/platform/' },
    to: { path: '^server/src/', pathNot: '^server/src/platform/' },
  },
  {
    name: 'features-through-index',
    severity: 'error',
    comment: "a feature uses another feature only through that feature's index.ts",
    from: { path: '^server/src/([^/]+)/', pathNot: '^server/src/platform/' },
    to: { path: '^server/src/[^/]+/', pathNot: ['^server/src/$1/', '^server/src/platform/', '^server/src/[^/]+/index\\.ts$'] },
  },
  {
    name: 'nothing-imports-the-wiring',
    severity: 'error',
    comment: 'app.ts, server.ts, workers.ts and main.ts are imported by nothing inside server/src',
    from: { path: '^server/src/.+/' },
    to: { path: '^server/src/[^/]+\\.ts$' },
  },
  {
    name: 'shared-stays-portable',
    severity: 'error',
    comment: 'shared/ runs in the browser and on the server: no Node built-ins, nothing from server/ or miniapp/',
    from: { path: '^shared/src/' },
    to: { dependencyTypes: ['core'] },
  },
  { name: 'shared-imports-no-app', severity: 'error', from: { path: '^shared/src/' }, to: { path: '^(server|miniapp)/' } },
  {
    name: 'jsapi-only-in-platform',
    severity: 'error',
    comment: 'only miniapp/src/platform talks to dingtalk-jsapi',
    from: { path: '^miniapp/src/', pathNot: '^miniapp/src/platform/' },
    to: { path: 'node_modules/dingtalk-jsapi/' },
  },
];

export interface TextRule {
  name: string;
  /** Which files (repository-relative paths) the rule reads. */
  files: (path: string) => boolean;
  pattern: RegExp;
  why: string;
}

const serverSource = (path: string) => path.startsWith('server/src/') && !path.endsWith('.test.ts');
const outsideDingTalk = (path: string) => serverSource(path) && !path.startsWith('server/src/platform/dingtalk/');
const isRoutes = (path: string) => serverSource(path) && /(^|\/)(routes|callbackRoutes)\.ts$/.test(path);

/** What must be said in one place only. */
export const TEXT_RULES: TextRule[] = [
  {
    name: 'dingtalk-vocabulary-in-the-boundary',
    files: outsideDingTalk,
    pattern: /\/v1\.0\/|\/topapi\/|dingtalk\.com\b|'(?:NEW|RUNNING|COMPLETED|TERMINATED|CANCELED|PAUSED)'|bpms_|processInstanceId|errcode|msg_signature|NotExist|EventType|staffId|【补充测试】/,
    why: 'DingTalk paths, field names, statuses and error codes live in server/src/platform/dingtalk/ only',
  },
  { name: 'routes-never-wake', files: isRoutes, pattern: /\bwake\b|\bkick\b|onOutbox/, why: 'commands wake the outbox worker after they commit; routes never do' },
  {
    name: 'one-clock',
    files: (path) =>
      serverSource(path) &&
      !['server/src/platform/clock.ts', 'server/src/platform/dingtalk/fakeDingTalk.ts', 'server/src/platform/dingtalk/callbackCrypto.ts', 'server/src/platform/storage/storage.ts'].includes(path) &&
      !path.startsWith('server/src/seed/'),
    pattern: /new Date\(\)|Date\.now\(\)/,
    why: 'time comes from deps.clock.now()',
  },
  { name: 'one-validator', files: isRoutes, pattern: /safeParse\(|zodDetails\(|JSON\.parse\(/, why: 'routes validate with platform/http/validate.ts' },
  {
    name: 'one-json-body-helper',
    files: (path) => serverSource(path) && path !== 'server/src/platform/http/jsonBody.ts',
    pattern: /badRequest\('malformed_json'/,
    why: 'request bodies are parsed by platform/http/jsonBody.ts',
  },
];

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|vue)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** `file:line: text` for every line of every file that breaks a text rule. */
export function textViolations(files: readonly { path: string; text: string }[], rules: readonly TextRule[] = TEXT_RULES): string[] {
  const found: string[] = [];
  for (const rule of rules) {
    for (const file of files.filter((f) => rule.files(f.path))) {
      file.text.split('\n').forEach((line, index) => {
        if (rule.pattern.test(line)) found.push(`${rule.name}: ${file.path}:${index + 1}: ${line.trim()} — ${rule.why}`);
      });
    }
  }
  return found;
}

/** Import-rule violations of the given roots, as `rule: from → to` lines. */
export async function importViolations(roots: string[], options: { rules?: IForbiddenRuleType[]; baseDir?: string } = {}): Promise<string[]> {
  const result = await cruise(roots, {
    baseDir: options.baseDir ?? ROOT,
    ruleSet: { forbidden: options.rules ?? IMPORT_RULES },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: join(ROOT, 'tsconfig.json') },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/'] },
    validate: true,
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text instead of a result');
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
}

const ROOTS = ['server/src', 'shared/src', 'miniapp/src'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sources = ROOTS.flatMap(filesUnder).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
  const problems = [...(await importViolations(ROOTS)), ...textViolations(sources)];
  if (problems.length > 0) {
    process.stderr.write(`Layout check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Layout check passed: ${sources.length} files, ${IMPORT_RULES.length} import rules, ${TEXT_RULES.length} text rules.\n`);
}
