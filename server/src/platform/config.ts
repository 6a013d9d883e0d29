import { z } from 'zod';
import { DINGTALK_API_HOST, DINGTALK_OAPI_HOST, isDingTalkHost } from './dingtalk/hosts.js';

/** Secrets used when nothing is configured; refused in production. */
export const DEV_DEFAULTS = {
  ingestSecret: 'dev-ingest-secret-change-me',
  sessionSecret: 'dev-session-secret-change-me',
} as const;

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/app.sqlite')
    .refine((v) => v.startsWith('sqlite:') || v.startsWith('mysql://'), 'must be sqlite:<path> or mysql://user:pass@host:port/db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  INGEST_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEV_DEFAULTS.ingestSecret),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEV_DEFAULTS.sessionSecret),
  RECORDINGS_DIR: z.string().default('./data/recordings'),
  SEED_DEMO: bool.default(true),
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
  REVIEW_REMIND_AFTER_HOURS: z.coerce.number().positive().max(24 * 30).default(4),
  REVIEW_ESCALATE_AFTER_HOURS: z.coerce.number().positive().max(24 * 30).optional(),
  REVIEW_RECONCILE_AFTER_MINUTES: z.coerce.number().positive().max(24 * 60).default(10),
  REVIEW_JOBS_INTERVAL_SECONDS: z.coerce.number().positive().max(3600).default(60),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  MINIAPP_DIST: z.string().default('./miniapp/dist'),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    /** Without a trailing slash. */
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
    database: parseDatabaseUrl(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
    ingestSecret: env.INGEST_SECRET,
    sessionSecret: env.SESSION_SECRET,
    recordingsDir: env.RECORDINGS_DIR,
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    dingtalk: dingtalkConfig(env),
    roles: rolesConfig(env),
    sessionTtlMs: env.SESSION_TTL_MINUTES * 60_000,
    vendorWebhookUrl: env.VENDOR_WEBHOOK_URL ?? null,
    review: {
      remindAfterMs: env.REVIEW_REMIND_AFTER_HOURS * 3_600_000,
      /** Measured from the reminder; defaults to the reminder interval. */
      escalateAfterMs: (env.REVIEW_ESCALATE_AFTER_HOURS ?? env.REVIEW_REMIND_AFTER_HOURS) * 3_600_000,
      reconcileAfterMs: env.REVIEW_RECONCILE_AFTER_MINUTES * 60_000,
    },
    /** How often reminders and reconciliation run. */
    reviewJobsIntervalMs: env.REVIEW_JOBS_INTERVAL_SECONDS * 1000,
    /** How long a worker holds a claimed outbox row; a crashed worker's rows are retried after it. */
    outboxLeaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    miniappDist: env.MINIAPP_DIST,
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
function rolesConfig(env: z.infer<typeof EnvSchema>) {
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
function dingtalkConfig(env: z.infer<typeof EnvSchema>) {
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

/** Problems that make a configuration unsafe to run in production. */
function productionProblems(config: Config): string[] {
  if (config.env !== 'production') return [];
  const problems: string[] = [];
  if (config.ingestSecret === DEV_DEFAULTS.ingestSecret) problems.push('INGEST_SECRET: the default development secret is not allowed in production');
  if (config.sessionSecret === DEV_DEFAULTS.sessionSecret) problems.push('SESSION_SECRET: the default development secret is not allowed in production');
  const dt = config.dingtalk;
  if (dt.sandbox) problems.push('DINGTALK_APP_KEY: production needs real DingTalk credentials (the sandbox is for development)');
  for (const [name, value] of [['DINGTALK_APP_SECRET', dt.appSecret], ['DINGTALK_AGENT_ID', dt.agentId], ['DINGTALK_PROCESS_CODE', dt.processCode], ['DINGTALK_CALLBACK_TOKEN', dt.callbackToken], ['DINGTALK_CALLBACK_AES_KEY', dt.callbackAesKey]] as const) {
    if (!value) problems.push(`${name}: required in production`);
  }
  for (const [name, value] of [['DINGTALK_API_BASE', dt.apiBase], ['DINGTALK_OAPI_BASE', dt.oapiBase]] as const) {
    if (!isDingTalkHost(value)) problems.push(`${name}: must be a DingTalk host in production (got ${value})`);
  }
  if (!config.roles.originatorUserId) problems.push('DINGTALK_ORIGINATOR_USER_ID: required in production (or set HR_USER_IDS)');
  if (config.roles.hrUserIds.length === 0) problems.push('HR_USER_IDS: at least one HR user id is required in production');
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The only reader of process.env. Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = toConfig(parsed.data);
  const problems = productionProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** True when the ingestion secret is the development default (printed at start-up). */
export function usesDevIngestSecret(config: Config): boolean {
  return config.ingestSecret === DEV_DEFAULTS.ingestSecret;
}
