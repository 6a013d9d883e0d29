import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../scripts/dingtalk-sandbox/sandbox.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { Application, Candidate, InterviewRound, OutboxMessage, Position, Review, ScenarioResult } from '../../server/src/platform/db/entities/index.js';
import { REVIEW_FORM_COMPONENTS, REVIEW_FORM_NAME } from '../../server/src/platform/dingtalk/reviewForm.js';
import { startServer, type RunningServer } from '../../server/src/server.js';

/**
 * Browser tests of the built H5 app: Debian's Chromium (through playwright-core) at a phone viewport,
 * against the real server (SQLite, demo seed, review workers) and the DingTalk sandbox over real HTTP.
 * One environment per test file, shared by its tests.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_INDEX = join(ROOT, 'miniapp/dist/index.html');
/** Debian's Chromium (`apt-get install chromium`); never a downloaded Playwright build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts/screenshots');
const PROCESS_CODE = 'PROC-AIREVIEW-E2E';

/** iPhone 12–15 size in CSS pixels. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

const REQUIRE_BROWSER = process.env.CI === 'true';
const chromiumProblem = existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
if (chromiumProblem && !REQUIRE_BROWSER) {
  process.stderr.write(`\n[browser tests] ${chromiumProblem}: browser suites SKIPPED. Set CI=true to make this a failure.\n`);
}

/**
 * `describeBrowser('…', () => { … })`: a suite that needs Chromium. Without it the suite is skipped
 * with a visible message locally, and fails under CI=true (like the MySQL suites in server/test/db.ts).
 */
export function describeBrowser(name: string, suite: () => void): void {
  if (!chromiumProblem) {
    describe(name, suite);
  } else if (REQUIRE_BROWSER) {
    describe(name, () => {
      it('needs Chromium (CI requires the browser suite)', () => {
        throw new Error(`Browser tests cannot run: ${chromiumProblem}`);
      });
    });
  } else {
    describe.skip(`${name} (Chromium unavailable)`, suite);
  }
}

/** The tests drive the built app; build it once when dist/ is missing (`npm test` builds first). */
function ensureBuiltApp(): void {
  if (existsSync(DIST_INDEX)) return;
  process.stderr.write('[browser tests] miniapp/dist missing: running npm run build -w miniapp\n');
  try {
    execFileSync('npm', ['run', 'build', '-w', 'miniapp'], { cwd: ROOT, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build -w miniapp failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`, { cause: error });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A phone-sized browser tab and the uncaught page errors seen in it. */
export interface Phone {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
}

export interface E2eEnv {
  server: RunningServer;
  /** Where the server listens (= PUBLIC_BASE_URL); the app is under /app/. */
  serverUrl: string;
  sandbox: Sandbox;
  sandboxUrl: string;
  browser: Browser;
  /** `/app/?sandboxUser=<userId>#<route>`, as the sandbox page links to the app. */
  appUrl(userId: string, route: string): string;
  /** A new browser context (own cookies and storage) with one page. */
  newPhone(): Promise<Phone>;
  close(): Promise<void>;
}

/**
 * Sandbox, then the server on a port chosen beforehand (links in approvals and notices carry
 * PUBLIC_BASE_URL), then Chromium. Resolves once the demo seed's 48 reviews have their DingTalk
 * approvals and work notices, so every test starts from the same settled state.
 */
export async function startE2e(): Promise<E2eEnv> {
  ensureBuiltApp();
  const dir = mkdtempSync(join(tmpdir(), 'aireview-e2e-'));
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    const failures: unknown[] = [];
    for (const closer of closers.reverse()) await closer().catch((error: unknown) => failures.push(error));
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(SCREENSHOT_DIR)) process.stderr.write(`\n[browser tests] screenshots: ${SCREENSHOT_DIR}\n`);
    if (failures.length > 0) throw failures[0];
  };

  try {
    const sandbox = createSandbox({
      seedForms: [{ name: REVIEW_FORM_NAME, processCode: PROCESS_CODE, formComponents: REVIEW_FORM_COMPONENTS }],
      callbackUrl: `${serverUrl}/dingtalk/callback`,
      h5Url: `${serverUrl}/app/`,
      callbackDelayMs: 5,
    });
    const running: RunningSandbox = await sandbox.listen(0);
    closers.push(running.close);

    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: serverUrl,
      DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`,
      RECORDINGS_DIR: join(dir, 'recordings'),
      SEED_DEMO: 'true',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
      DINGTALK_API_BASE: running.url,
      DINGTALK_OAPI_BASE: running.url,
      DINGTALK_PROCESS_CODE: PROCESS_CODE,
      MINIAPP_DIST: join(ROOT, 'miniapp/dist'),
      // Reminders and reconciliation are not under test here.
      REVIEW_JOBS_INTERVAL_SECONDS: '3600',
      // Every test signs in again from the same loopback address.
      RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    });
    const server = await startServer(config, { workers: { outboxIntervalMs: 100, outbox: { baseDelayMs: 50, maxDelayMs: 500 } } });
    closers.push(server.close);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    closers.push(() => browser.close());

    await waitUntil(() => seededReviewsStarted(server), 'the demo reviews to get their DingTalk approvals and notices', 60_000);
    await sandbox.callbacksIdle();

    return {
      server,
      serverUrl,
      sandbox,
      sandboxUrl: running.url,
      browser,
      appUrl: (userId, route) => `${serverUrl}/app/?sandboxUser=${encodeURIComponent(userId)}#${route}`,
      async newPhone() {
        const context = await browser.newContext(PHONE);
        // Fail a missing element well before the test's own timeout, with Playwright's explanation.
        context.setDefaultTimeout(15_000);
        const pageErrors: string[] = [];
        // Every page of the context, popups included.
        context.on('page', (p) => {
          p.on('pageerror', (error) => pageErrors.push(`${p.url()}: ${error.message}`));
          // What the server's Content-Security-Policy blocks throws nothing; Chromium reports it on the console.
          p.on('console', (message) => {
            if (message.type() === 'error' && message.text().includes('Content Security Policy')) pageErrors.push(`${p.url()}: ${message.text()}`);
          });
        });
        const page = await context.newPage();
        return { context, page, pageErrors };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Every seeded application has a pending review with an approval, and no outbox row is left to deliver. */
async function seededReviewsStarted(server: RunningServer): Promise<boolean> {
  const applications = await server.deps.ds.getRepository(Application).count();
  const pending = await server.deps.ds.getRepository(Review).createQueryBuilder('r').where('r.status = :s', { s: 'pending' }).andWhere('r.approvalInstanceId IS NOT NULL').getCount();
  const undelivered = await server.deps.ds.getRepository(OutboxMessage).countBy({ status: 'pending' });
  const failed = await server.deps.ds.getRepository(OutboxMessage).countBy({ status: 'failed' });
  if (failed > 0) throw new Error(`${failed} outbox rows failed while starting the demo reviews`);
  return applications > 0 && pending === applications && undelivered === 0;
}

/** Poll `probe` every 50 ms until it returns true; fail with `what` after `timeoutMs`. */
async function waitUntil(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A screenshot under test-artifacts/screenshots/ (not committed) for a person to look at: the whole
 * page by default; `viewport` for what is on screen (sheets and dialogs sit over the viewport).
 */
export async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: !options.viewport, animations: 'disabled' });
  return path;
}

/** A screenshot of one element (e.g. a work-notification card). */
export async function screenshotOf(locator: Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await locator.screenshot({ path, animations: 'disabled' });
  return path;
}

/** For `expect.poll`: UI and DingTalk effects settle within a few seconds. */
export const SETTLE = { timeout: 10_000, interval: 50 } as const;

/** A seeded candidate file as the database has it. */
export interface SeededApplication {
  applicationId: string;
  positionCode: string;
  positionName: string;
  candidateName: string;
  phone: string;
  overallScore: number;
  recommendation: Application['recommendation'];
  stage: Application['stage'];
  reviewId: string;
  approvalInstanceId: string;
  /** Scenarios of the current round with a recording (the demo budget leaves older interviews without). */
  recordings: number;
}

/** Every application with its candidate, position and latest review. */
export async function seededApplications(server: RunningServer): Promise<SeededApplication[]> {
  const positions = new Map((await server.deps.ds.getRepository(Position).find()).map((p) => [p.id, p]));
  const candidates = new Map((await server.deps.ds.getRepository(Candidate).find()).map((c) => [c.id, c]));
  const reviews = new Map((await server.deps.ds.getRepository(Review).find({ order: { round: 'ASC' } })).map((r) => [r.applicationId, r]));
  const rounds = new Map((await server.deps.ds.getRepository(InterviewRound).find()).map((r) => [r.id, r]));
  const recordings = new Map<string, number>();
  for (const scenario of await server.deps.ds.getRepository(ScenarioResult).find()) {
    const round = rounds.get(scenario.roundId)!;
    const key = `${round.applicationId}/${round.round}`;
    if (scenario.recordingKey) recordings.set(key, (recordings.get(key) ?? 0) + 1);
  }
  const applications = await server.deps.ds.getRepository(Application).find();
  return applications.map((a) => {
    const position = positions.get(a.positionId)!;
    const candidate = candidates.get(a.candidateId)!;
    const review = reviews.get(a.id)!;
    return {
      applicationId: a.id,
      positionCode: position.code,
      positionName: position.name,
      candidateName: candidate.name,
      phone: candidate.phone ?? '',
      overallScore: Number(a.overallScore),
      recommendation: a.recommendation,
      stage: a.stage,
      reviewId: review.id,
      approvalInstanceId: review.approvalInstanceId ?? '',
      recordings: recordings.get(`${a.id}/${a.currentRound}`) ?? 0,
    };
  });
}
