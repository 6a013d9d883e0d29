import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SECRET_NAMES = ['SESSION_SECRET', 'INGEST_SECRET', 'VENDOR_WEBHOOK_SECRET', 'IMPORT_SECRET', 'TRAINING_WEBHOOK_SECRET'] as const;
type SecretName = (typeof SECRET_NAMES)[number];

/** Where sandbox mode keeps its generated secrets: beside the SQLite database, else ./data. */
export function demoDataDir(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL || 'sqlite:./data/app.sqlite';
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : '';
  return path && path !== ':memory:' ? dirname(path) : './data';
}

export function demoSecretsFile(env: NodeJS.ProcessEnv): string {
  return join(demoDataDir(env), 'secrets.json');
}

/**
 * Sandbox mode only (no DingTalk credentials, not production): fill every secret the environment
 * leaves unset from `<data>/secrets.json`, generating random ones on first start (file mode 0600), so a
 * demo cannot be forged with constants from the source and sessions survive a restart. Strict mode
 * gets the environment back untouched: there, secrets must be configured.
 */
export function withDemoSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NODE_ENV === 'production' || env.DINGTALK_APP_KEY) return env;
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) return env;
  const file = demoSecretsFile(env);
  const stored = readStored(file);
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { ...env, ...Object.fromEntries(missing.map((name) => [name, stored[name]])) };
}

/** The demo's stored secrets (for scripts such as the vendor simulator); empty when none were generated yet. */
export function readDemoSecrets(env: NodeJS.ProcessEnv): Partial<Record<SecretName, string>> {
  return readStored(demoSecretsFile(env));
}

function readStored(file: string): Partial<Record<SecretName, string>> {
  if (!existsSync(file)) return {};
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof json !== 'object' || json === null) return {};
  const stored: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const value = (json as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.length >= 32) stored[name] = value;
  }
  return stored;
}
