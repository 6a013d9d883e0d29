/**
 * `npm start`: run the product with no configuration — SQLite under ./data, demo data and, when no
 * DingTalk credentials are configured, the local DingTalk sandbox (http://127.0.0.1:3100) wired to it.
 */
import { dirname, join } from 'node:path';
import { SANDBOX_DINGTALK, loadConfig } from '../server/src/platform/config.js';
import { withDemoSecrets } from '../server/src/platform/demoSecrets.js';
import { runUntilSignal } from '../server/src/platform/lifecycle.js';
import { REVIEW_FORM_COMPONENTS, REVIEW_FORM_NAME } from '../server/src/platform/dingtalk/reviewForm.js';
import { startServer } from '../server/src/server.js';
import { startDemoVendor } from './demoVendor.js';
import { createSandbox } from './dingtalk-sandbox/sandbox.js';

await runUntilSignal(async () => {
  let config = loadConfig(withDemoSecrets(process.env));
  const closers: (() => Promise<void>)[] = [];
  if (config.dingtalk.sandbox) {
    const sandbox = createSandbox({
      appKey: SANDBOX_DINGTALK.appKey,
      appSecret: SANDBOX_DINGTALK.appSecret,
      corpId: SANDBOX_DINGTALK.corpId,
      callbackToken: SANDBOX_DINGTALK.callbackToken,
      callbackAesKey: SANDBOX_DINGTALK.callbackAesKey,
      callbackUrl: `http://127.0.0.1:${config.port}/dingtalk/callback`,
      h5Url: `${config.publicBaseUrl}/app/`,
      seedForms: [{ name: REVIEW_FORM_NAME, processCode: SANDBOX_DINGTALK.processCode, formComponents: REVIEW_FORM_COMPONENTS }],
      // Beside the database, so approvals it refers to survive a restart.
      stateFile: join(
        config.database.type === 'sqlite' && config.database.path !== ':memory:' ? dirname(config.database.path) : './data',
        'sandbox-state.json',
      ),
    });
    const running = await sandbox.listen(config.dingtalk.sandboxPort);
    closers.push(running.close);
    process.stdout.write(`DingTalk sandbox: ${running.url}/ (no DINGTALK_APP_KEY set)\n`);
    if (!config.vendorWebhookUrl) {
      // No vendor configured: a stand-in answers supplementary-test requests with a new round.
      const vendor = await startDemoVendor({
        serverUrl: `http://127.0.0.1:${config.port}`,
        ingestSecret: config.ingestSecret,
        webhookSecret: config.vendorWebhookSecret,
        log: (line) => process.stdout.write(`${line}\n`),
      });
      closers.push(vendor.close);
      config = { ...config, vendorWebhookUrl: vendor.url };
    }
  }
  const server = await startServer(config);
  return [server.close, ...closers];
});
