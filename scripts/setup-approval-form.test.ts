import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REVIEW_FORM_LABELS, REVIEW_FORM_NAME } from '../server/src/platform/dingtalk/reviewForm.js';
import { createSandbox, type RunningSandbox, type Sandbox } from './dingtalk-sandbox/sandbox.js';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url).pathname;

let sandbox: Sandbox;
let running: RunningSandbox;
beforeAll(async () => {
  sandbox = createSandbox();
  running = await sandbox.listen(0);
});
afterAll(async () => running.close());

function setup(args: string[] = []) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/setup-approval-form.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DINGTALK_API_BASE: running.url, DINGTALK_OAPI_BASE: running.url, DINGTALK_PROCESS_CODE: '', LOG_LEVEL: 'silent' },
  });
}

it('creates the review form with every label the workflow fills in, then updates it in place', async () => {
  const { stdout } = await setup();
  const processCode = /DINGTALK_PROCESS_CODE=(PROC-\S+)/.exec(stdout)?.[1];
  expect(processCode).toBeDefined();
  const form = sandbox.state.forms.get(processCode!);
  expect(form?.name).toBe(REVIEW_FORM_NAME);
  expect(form?.formComponents.map((c) => c.props.label)).toEqual(Object.values(REVIEW_FORM_LABELS));

  const again = await setup(['--process-code', processCode!]);
  expect(again.stdout).toContain(`Updated the approval form`);
  expect(again.stdout).toContain(`DINGTALK_PROCESS_CODE=${processCode}`);
  expect(sandbox.state.forms.size).toBe(1);
});

it('fails with a message and exit code 1 when DingTalk refuses', async () => {
  await expect(setup(['--process-code', 'PROC-DOES-NOT-EXIST'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Could not save the approval form') });
});
