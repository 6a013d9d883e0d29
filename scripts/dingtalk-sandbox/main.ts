import { createSandbox, SANDBOX_DEFAULTS } from './sandbox.js';

/** `npm run sandbox`: the DingTalk stand-in on SANDBOX_PORT (default 3100). Config from env only here. */
const env = process.env;
const int = (value: string | undefined, fallback: number) => (value === undefined || value === '' ? fallback : Number.parseInt(value, 10));

const sandbox = createSandbox({
  appKey: env.SANDBOX_APP_KEY || SANDBOX_DEFAULTS.appKey,
  appSecret: env.SANDBOX_APP_SECRET || SANDBOX_DEFAULTS.appSecret,
  corpId: env.SANDBOX_CORP_ID || undefined,
  callbackToken: env.SANDBOX_CALLBACK_TOKEN || SANDBOX_DEFAULTS.callbackToken,
  callbackAesKey: env.SANDBOX_CALLBACK_AES_KEY || SANDBOX_DEFAULTS.callbackAesKey,
  callbackOwnerKey: env.SANDBOX_CALLBACK_OWNER_KEY || undefined,
  callbackUrl: env.SANDBOX_CALLBACK_URL || undefined,
  h5Url: env.SANDBOX_H5_URL || '',
  orgFile: env.SANDBOX_ORG_FILE || undefined,
  seedForms: env.SANDBOX_PROCESS_CODE ? [{ name: 'AI面试结果审核', processCode: env.SANDBOX_PROCESS_CODE }] : [],
  callbackDelayMs: int(env.SANDBOX_CALLBACK_DELAY_MS, 20),
  callbackTimeoutMs: int(env.SANDBOX_CALLBACK_TIMEOUT_MS, 1500),
  terminateMinAgeMs: int(env.SANDBOX_TERMINATE_MIN_AGE_MS, 0),
  stateFile: env.SANDBOX_STATE_FILE || undefined,
  onUnexpectedError: (error) => process.stderr.write(`dingtalk-sandbox: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
});

const running = await sandbox.listen(int(env.SANDBOX_PORT, 3100), env.SANDBOX_HOST || '127.0.0.1');
console.info(`DingTalk sandbox on ${running.url} (callbacks → ${sandbox.state.callbackUrl ?? 'not configured'}; state ${env.SANDBOX_STATE_FILE ? `kept in ${env.SANDBOX_STATE_FILE}` : 'in memory only'})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
