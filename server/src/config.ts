import { z } from 'zod';

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
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`,
    database: parseDatabaseUrl(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
    ingestSecret: env.INGEST_SECRET,
    sessionSecret: env.SESSION_SECRET,
    recordingsDir: env.RECORDINGS_DIR,
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL,
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
