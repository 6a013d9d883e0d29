import { randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { DINGTALK_API_HOST, DINGTALK_OAPI_HOST, isDingTalkHost } from './dingtalk/hosts.js';

/**
 * Secret values that are published (old defaults, the README's examples, `.env.example` placeholders):
 * refused wherever the strict checks apply.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  'dev-ingest-secret-change-me',
  'dev-session-secret-change-me',
  'demo-secret-please-change-0000',
  'change-me',
];

/** The bytes a secret needs where the strict checks apply. */
export const MIN_SECRET_BYTES = 32;

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  TRUST_PROXY: bool.optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/app.sqlite')
    .refine((v) => v.startsWith('sqlite:') || v.startsWith('mysql://'), 'must be sqlite:<path> or mysql://user:pass@host:port/db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  INGEST_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  VENDOR_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  IMPORT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TRAINING_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  RECORDINGS_DIR: z.string().optional(),
  SEED_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DINGTALK_APP_KEY: z.string().optional(),
  DINGTALK_APP_SECRET: z.string().optional(),
  DINGTALK_AGENT_ID: z.string().optional(),
  DINGTALK_CORP_ID: z.string().optional(),
  DINGTALK_PROCESS_CODE: z.string().optional(),
  DINGTALK_API_BASE: z.url().optional(),
  DINGTALK_OAPI_BASE: z.url().optional(),
  DINGTALK_CALLBACK_TOKEN: z.string().optional(),
  DINGTALK_CALLBACK_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey').optional(),
  DINGTALK_CALLBACK_OWNER_KEY: z.string().optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  DINGTALK_ORIGINATOR_USER_ID: z.string().optional(),
  ADMIN_USER_IDS: z.string().optional(),
  HR_USER_IDS: z.string().optional(),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  VENDOR_WEBHOOK_URL: z.url().optional(),
  TRAINING_WEBHOOK_URL: z.url().optional(),
  REVIEW_REMIND_AFTER_HOURS: z.coerce.number().positive().max(24 * 30).default(4),
  REVIEW_ESCALATE_AFTER_HOURS: z.coerce.number().positive().max(24 * 30).optional(),
  REVIEW_RECONCILE_AFTER_MINUTES: z.coerce.number().positive().max(24 * 60).default(10),
  REVIEW_JOBS_INTERVAL_SECONDS: z.coerce.number().positive().max(3600).default(60),
  ALERT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  MINIAPP_DIST: z.string().default('./miniapp/dist'),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  RATE_LIMIT_INGEST_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000),
  RATE_LIMIT_CALLBACK_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(3000),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  UPLOADS_PER_CLIENT: z.coerce.number().int().min(1).max(1000).default(4),
});

type Env = z.infer<typeof EnvSchema>;

/** Every setting the server reads (each one is documented in .env.example). */
export const SETTING_NAMES = Object.keys(EnvSchema.shape);

/**
 * Strict mode: real DingTalk credentials are configured, or NODE_ENV=production. Then no secret is
 * generated or defaulted, and loadConfig refuses anything that would leave the deployment open.
 */
function isStrict(env: Env): boolean {
  return env.NODE_ENV === 'production' || Boolean(env.DINGTALK_APP_KEY);
}

/** A random secret for a process that was given none (sandbox mode only; main.ts keeps them in ./data). */
function ephemeralSecret(): string {
  return randomBytes(32).toString('base64url');
}

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: Env) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    /** Without a trailing slash. */
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
    database: parseDatabaseUrl(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
    /** Strict checks applied (real DingTalk credentials or production). */
    strict: isStrict(env),
    /** Trust X-Forwarded-For/-Proto (only behind our own reverse proxy). */
    trustProxy: env.TRUST_PROXY ?? false,
    ingestSecret: env.INGEST_SECRET ?? ephemeralSecret(),
    sessionSecret: env.SESSION_SECRET ?? ephemeralSecret(),
    /** Signs our webhook to the vendor; never the ingestion secret. */
    vendorWebhookSecret: env.VENDOR_WEBHOOK_SECRET ?? ephemeralSecret(),
    /** Signs history and performance imports; unset in strict mode = a random key nobody knows (imports refused). */
    importSecret: env.IMPORT_SECRET ?? ephemeralSecret(),
    /** Signs our webhook to the learning platform; its own secret. */
    trainingWebhookSecret: env.TRAINING_WEBHOOK_SECRET ?? ephemeralSecret(),
    recordingsDir: env.RECORDINGS_DIR ?? './data/recordings',
    seedDemo: env.SEED_DEMO ?? !env.DINGTALK_APP_KEY,
    logLevel: env.LOG_LEVEL,
    dingtalk: dingtalkConfig(env),
    roles: rolesConfig(env),
    sessionTtlMs: env.SESSION_TTL_MINUTES * 60_000,
    vendorWebhookUrl: env.VENDOR_WEBHOOK_URL ?? null,
    /** Where course and programme assignments are delivered; null = they stay in the product. */
    trainingWebhookUrl: env.TRAINING_WEBHOOK_URL ?? null,
    review: {
      remindAfterMs: env.REVIEW_REMIND_AFTER_HOURS * 3_600_000,
      /** Measured from the reminder; defaults to the reminder interval. */
      escalateAfterMs: (env.REVIEW_ESCALATE_AFTER_HOURS ?? env.REVIEW_REMIND_AFTER_HOURS) * 3_600_000,
      reconcileAfterMs: env.REVIEW_RECONCILE_AFTER_MINUTES * 60_000,
    },
    /** How often reminders and reconciliation run. */
    reviewJobsIntervalMs: env.REVIEW_JOBS_INTERVAL_SECONDS * 1000,
    /** From this hour (Asia/Shanghai) on, HR get the day's work notification of new alerts. */
    alertDigestHour: env.ALERT_DIGEST_HOUR,
    /** How long a worker holds a claimed outbox row; a crashed worker's rows are retried after it. */
    outboxLeaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    miniappDist: env.MINIAPP_DIST,
    limits: {
      /** Per client IP, on login and sandbox login codes. */
      loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      /** Per client IP, on the signed vendor API. */
      ingestPerMinute: env.RATE_LIMIT_INGEST_PER_MINUTE,
      /** Per client IP, on DingTalk callbacks. */
      callbackPerMinute: env.RATE_LIMIT_CALLBACK_PER_MINUTE,
      /** Per signed-in user, on the app API. */
      apiPerMinute: env.RATE_LIMIT_API_PER_MINUTE,
      /** Recording uploads in flight per client IP. */
      uploadsPerClient: env.UPLOADS_PER_CLIENT,
    },
  };
}

/** The demo organisation's admin and HR (scripts/demo/org.json), used in sandbox mode. */
export const SANDBOX_ROLES = { adminUserIds: ['admin01'], hrUserIds: ['hr01'] } as const;

function userIdList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Who is admin and who is HR, by DingTalk user id. Supervisors come from positions. The approval
 * originator (DingTalk needs a real user to start an instance) defaults to the first HR user.
 */
function rolesConfig(env: Env) {
  const sandbox = !env.DINGTALK_APP_KEY;
  const adminUserIds = userIdList(env.ADMIN_USER_IDS) ?? (sandbox ? [...SANDBOX_ROLES.adminUserIds] : []);
  const hrUserIds = userIdList(env.HR_USER_IDS) ?? (sandbox ? [...SANDBOX_ROLES.hrUserIds] : []);
  return {
    adminUserIds,
    hrUserIds,
    originatorUserId: env.DINGTALK_ORIGINATOR_USER_ID ?? hrUserIds[0] ?? adminUserIds[0] ?? '',
  };
}

/** Stand-in credentials the DingTalk sandbox (scripts/dingtalk-sandbox) uses by default. */
export const SANDBOX_DINGTALK = {
  appKey: 'dingsandboxappkey',
  appSecret: 'sandbox-secret',
  agentId: '100000001',
  corpId: 'dingsandboxcorp0001',
  processCode: 'PROC-SANDBOX-AIREVIEW',
  callbackToken: 'sandboxtoken',
  callbackAesKey: 'c2FuZGJveGFlc2tleXNhbmRib3hhZXNrZXlzYW5kYm9',
} as const;

/** Without DINGTALK_APP_KEY the server talks to the local sandbox with its stand-in credentials. */
function dingtalkConfig(env: Env) {
  const sandbox = !env.DINGTALK_APP_KEY;
  const sandboxBase = `http://127.0.0.1:${env.SANDBOX_PORT}`;
  const appKey = env.DINGTALK_APP_KEY ?? SANDBOX_DINGTALK.appKey;
  return {
    sandbox,
    appKey,
    appSecret: env.DINGTALK_APP_SECRET ?? (sandbox ? SANDBOX_DINGTALK.appSecret : ''),
    agentId: env.DINGTALK_AGENT_ID ?? (sandbox ? SANDBOX_DINGTALK.agentId : ''),
    corpId: env.DINGTALK_CORP_ID ?? (sandbox ? SANDBOX_DINGTALK.corpId : ''),
    processCode: env.DINGTALK_PROCESS_CODE ?? (sandbox ? SANDBOX_DINGTALK.processCode : ''),
    apiBase: env.DINGTALK_API_BASE ?? (sandbox ? sandboxBase : DINGTALK_API_HOST),
    oapiBase: env.DINGTALK_OAPI_BASE ?? (sandbox ? sandboxBase : DINGTALK_OAPI_HOST),
    callbackToken: env.DINGTALK_CALLBACK_TOKEN ?? (sandbox ? SANDBOX_DINGTALK.callbackToken : ''),
    callbackAesKey: env.DINGTALK_CALLBACK_AES_KEY ?? (sandbox ? SANDBOX_DINGTALK.callbackAesKey : ''),
    /** Owner key checked inside decrypted callbacks: the app key for console event subscription. */
    callbackOwnerKey: env.DINGTALK_CALLBACK_OWNER_KEY ?? appKey,
    sandboxPort: env.SANDBOX_PORT,
  };
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; url: string; database: string; poolSize: number };

export function parseDatabaseUrl(url: string, poolSize = 10): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { type: 'sqlite', path: url.slice('sqlite:'.length) || ':memory:' };
  const parsed = new URL(url);
  return { type: 'mysql', url, database: decodeURIComponent(parsed.pathname.replace(/^\//, '')), poolSize };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const isLoopbackUrl = (url: URL) => LOOPBACK.has(url.hostname);

/** Problems of one secret where the strict checks apply. */
function secretProblems(name: string, value: string | undefined): string[] {
  if (value === undefined) return [`${name}: required (a random value of at least ${MIN_SECRET_BYTES} bytes, e.g. openssl rand -base64 48)`];
  if (PUBLISHED_SECRETS.includes(value)) return [`${name}: a published default value is not allowed`];
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) return [`${name}: must be at least ${MIN_SECRET_BYTES} bytes`];
  return [];
}

/**
 * Everything that would leave a real deployment open, all at once. Applies when real DingTalk
 * credentials are configured or NODE_ENV=production; the README's Deploying checklist lists the same.
 */
function strictProblems(env: Env): string[] {
  if (!isStrict(env)) return [];
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  const secrets = [['SESSION_SECRET', env.SESSION_SECRET], ['INGEST_SECRET', env.INGEST_SECRET]] as [string, string | undefined][];
  if (env.VENDOR_WEBHOOK_URL !== undefined || env.VENDOR_WEBHOOK_SECRET !== undefined) secrets.push(['VENDOR_WEBHOOK_SECRET', env.VENDOR_WEBHOOK_SECRET]);
  if (env.IMPORT_SECRET !== undefined) secrets.push(['IMPORT_SECRET', env.IMPORT_SECRET]);
  if (env.TRAINING_WEBHOOK_URL !== undefined || env.TRAINING_WEBHOOK_SECRET !== undefined) secrets.push(['TRAINING_WEBHOOK_SECRET', env.TRAINING_WEBHOOK_SECRET]);
  for (const [name, value] of secrets) problems.push(...secretProblems(name, value));
  for (let i = 0; i < secrets.length; i += 1) {
    for (let j = i + 1; j < secrets.length; j += 1) {
      const [a, av] = secrets[i]!;
      const [b, bv] = secrets[j]!;
      if (av !== undefined && av === bv) problems.push(`${b}: must differ from ${a}`);
    }
  }
  if (env.PUBLIC_BASE_URL === undefined) problems.push('PUBLIC_BASE_URL: required (the https address phones reach this server at)');
  else {
    const url = new URL(env.PUBLIC_BASE_URL);
    if (url.protocol !== 'https:' && !isLoopbackUrl(url)) problems.push(`PUBLIC_BASE_URL: must be https (got ${url.protocol}//${url.host})`);
  }
  for (const [name, value] of [['VENDOR_WEBHOOK_URL', env.VENDOR_WEBHOOK_URL], ['TRAINING_WEBHOOK_URL', env.TRAINING_WEBHOOK_URL]] as const) {
    if (value === undefined) continue;
    const url = new URL(value);
    if (url.protocol !== 'https:' && !isLoopbackUrl(url)) problems.push(`${name}: must be https off loopback (got ${url.protocol}//${url.host})`);
  }
  if (production && !env.DINGTALK_APP_KEY) problems.push('DINGTALK_APP_KEY: production needs real DingTalk credentials (the sandbox is for development)');
  if (env.DINGTALK_APP_KEY || production) {
    for (const name of ['DINGTALK_APP_SECRET', 'DINGTALK_AGENT_ID', 'DINGTALK_CORP_ID', 'DINGTALK_PROCESS_CODE', 'DINGTALK_CALLBACK_TOKEN', 'DINGTALK_CALLBACK_AES_KEY'] as const) {
      if (!env[name]) problems.push(`${name}: required with DingTalk credentials`);
    }
    if (env.DINGTALK_AGENT_ID && !/^\d+$/.test(env.DINGTALK_AGENT_ID)) problems.push('DINGTALK_AGENT_ID: must be the numeric AgentId');
  }
  if (env.DINGTALK_CALLBACK_TOKEN === SANDBOX_DINGTALK.callbackToken) problems.push("DINGTALK_CALLBACK_TOKEN: the sandbox's token is not allowed");
  if (env.DINGTALK_CALLBACK_AES_KEY === SANDBOX_DINGTALK.callbackAesKey) problems.push("DINGTALK_CALLBACK_AES_KEY: the sandbox's key is not allowed");
  if (production) {
    for (const [name, value] of [['DINGTALK_API_BASE', env.DINGTALK_API_BASE ?? DINGTALK_API_HOST], ['DINGTALK_OAPI_BASE', env.DINGTALK_OAPI_BASE ?? DINGTALK_OAPI_HOST]] as const) {
      if (!isDingTalkHost(value)) problems.push(`${name}: must be a DingTalk host in production (got ${value})`);
    }
    if (!userIdList(env.HR_USER_IDS)?.length) problems.push('HR_USER_IDS: at least one HR user id is required in production');
    if (env.TRUST_PROXY === undefined) problems.push('TRUST_PROXY: set it in production (true behind the HTTPS reverse proxy, false when clients connect directly)');
    if (!env.DATABASE_URL.startsWith('mysql://')) problems.push('DATABASE_URL: production runs on MySQL (mysql://user:pass@host:port/db)');
    if (env.RECORDINGS_DIR === undefined || !isAbsolute(env.RECORDINGS_DIR)) problems.push('RECORDINGS_DIR: set an absolute path on storage every instance shares in production');
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Every problem of an environment: invalid values first; then, where they apply, the strict checks. */
export function configProblems(env: NodeJS.ProcessEnv): string[] {
  const parsed = parseEnv(env);
  return parsed.success ? strictProblems(parsed.data) : parsed.problems;
}

function parseEnv(env: NodeJS.ProcessEnv): { success: true; data: Env } | { success: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

/** The only reader of process.env. Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseEnv(env);
  if (!parsed.success) throw new ConfigError(parsed.problems);
  const problems = strictProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}
