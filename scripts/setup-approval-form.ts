/**
 * `npm run setup:approval-form [-- --process-code PROC-…]`: create the "AI面试结果审核" approval
 * template in DingTalk (or update it when a process code is given or configured) and print the
 * process code to put in DINGTALK_PROCESS_CODE. Uses the same DingTalk settings as the server.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/platform/config.js';
import { createDingTalkClient } from '../server/src/platform/dingtalk/client.js';
import { REVIEW_FORM_COMPONENTS, REVIEW_FORM_DESCRIPTION, REVIEW_FORM_NAME } from '../server/src/platform/dingtalk/reviewForm.js';
import { createLogger } from '../server/src/platform/logger.js';

const { values } = parseArgs({ options: { 'process-code': { type: 'string' }, create: { type: 'boolean', default: false } } });
const config = loadConfig();
const dt = config.dingtalk;
const processCode = values.create ? undefined : (values['process-code'] ?? (process.env.DINGTALK_PROCESS_CODE || undefined));
const client = createDingTalkClient({
  ...dt,
  agentId: dt.agentId || '0',
  processCode: processCode ?? '',
  log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
});

try {
  const result = await client.saveReviewForm({
    ...(processCode ? { processCode } : {}),
    name: REVIEW_FORM_NAME,
    description: REVIEW_FORM_DESCRIPTION,
    components: REVIEW_FORM_COMPONENTS,
  });
  process.stdout.write(`${processCode ? 'Updated' : 'Created'} the approval form「${REVIEW_FORM_NAME}」${dt.sandbox ? ' in the sandbox' : ''}.\n`);
  process.stdout.write(`DINGTALK_PROCESS_CODE=${result.processCode}\n`);
} catch (error) {
  process.stderr.write(`Could not save the approval form: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
