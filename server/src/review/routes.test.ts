import { afterEach, beforeEach, expect, it } from 'vitest';
import { Application, AuditEntry, Review, StageChange } from '../platform/db/entities/index.js';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { startHarness, waitFor, type Harness } from '../../test/reviewHarness.js';
import { PEOPLE, insertUsers, tokenFor } from '../../test/fixtures.js';

/** POST /api/v1/applications/:id/decision over real HTTP, with DingTalk played by the sandbox. */
describeEachDb('decisions from the H5 app', (db) => {
  let h: Harness;
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createTestPosition(db.ds);
    h = await startHarness(db.ds);
  });
  afterEach(async () => h.close());

  async function pendingFile() {
    const { body } = await h.ingest(samplePayload());
    const applicationId = body.data!.applicationId;
    const review = await waitFor(async () => {
      const found = await db.ds.getRepository(Review).findOneBy({ applicationId });
      return found?.status === 'pending' ? found : undefined;
    }, 'the approval');
    return { applicationId, review };
  }

  async function decide(applicationId: string, who: (typeof PEOPLE)[keyof typeof PEOPLE] | null, body: unknown, contentType = 'application/json') {
    return fetch(`${h.serverUrl}/api/v1/applications/${applicationId}/decision`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(who ? { authorization: `Bearer ${await tokenFor(h.deps, who)}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: Record<string, unknown>; error?: { code: string } } }));
  }

  it('approves: 复试 at once, the DingTalk task executed as the supervisor, the callback applied as a no-op', async () => {
    const { applicationId, review } = await pendingFile();
    const res = await decide(applicationId, PEOPLE.supGeneral, { decision: 'agree', remark: '  表达清楚  ' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ applicationId, reviewId: review.id, decision: 'agree', stage: 'second_interview', outcome: 'applied' });
    expect(res.body.data!.agreedWithAi).toBe(review.aiRecommendation === 'recommended');
    const instance = await waitFor(() => {
      const found = h.sandbox.state.approvals.get(review.approvalInstanceId!);
      return found?.status === 'COMPLETED' ? found : undefined;
    }, 'the execute call');
    expect(instance.tasks[0]).toMatchObject({ userId: 'sup_general', result: 'AGREE', remark: '表达清楚' });
    expect(h.sandbox.state.calls.filter((c) => c.path === '/v1.0/workflow/processInstances/execute')).toHaveLength(1);
    await waitFor(() => h.sandbox.state.callbacks.some((c) => c.eventType === 'bpms_task_change' && c.type === 'finish' && c.status === 'delivered'), 'the callback');
    await waitFor(async () => (await db.ds.getRepository(Review).findOneByOrFail({ id: review.id })).decisionSource === 'app', 'the decision');
    expect(await db.ds.getRepository(StageChange).countBy({ applicationId, toStage: 'second_interview' })).toBe(1);
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'review.decided', subjectId: applicationId, actorId: 'sup_general' })).toBe(1);

    const again = await decide(applicationId, PEOPLE.supGeneral, { decision: 'agree' });
    expect(again.body.data).toMatchObject({ outcome: 'unchanged', stage: 'second_interview' });
    expect(await decide(applicationId, PEOPLE.supGeneral, { decision: 'refuse' })).toMatchObject({ status: 409, body: { error: { code: 'already_decided' } } });
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const { applicationId, review } = await pendingFile();
    const cases: [unknown, string | undefined, number, string][] = [
      ['{"decision":', undefined, 400, 'malformed_json'],
      [{ decision: 'maybe' }, undefined, 422, 'invalid_payload'],
      [{ decision: 'supplementary' }, undefined, 422, 'invalid_payload'],
      [{ decision: 'supplementary', scenarios: ['singing'] }, undefined, 422, 'invalid_payload'],
      [{ decision: 'agree', remark: 'x'.repeat(501) }, undefined, 422, 'invalid_payload'],
      ['decision=agree', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ];
    for (const [body, type, status, code] of cases) {
      expect(await decide(applicationId, PEOPLE.supGeneral, body, type), JSON.stringify(body)).toMatchObject({ status, body: { error: { code } } });
    }
    expect(await decide(applicationId, null, { decision: 'agree' })).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(await decide('00000000-0000-4000-8000-000000000000', PEOPLE.supGeneral, { decision: 'agree' })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    // Another department's supervisor cannot even see it; HR sees it but is not an approver.
    expect(await decide(applicationId, PEOPLE.supFresh, { decision: 'agree' })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await decide(applicationId, PEOPLE.hr, { decision: 'agree' })).toMatchObject({ status: 403, body: { error: { code: 'not_an_approver' } } });
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId })).stage).toBe('in_review');
    expect((await db.ds.getRepository(Review).findOneByOrFail({ id: review.id })).status).toBe('pending');
    expect(h.sandbox.state.calls.filter((c) => c.path.endsWith('/execute'))).toHaveLength(0);
  });

  it('asks for a supplementary test with scenarios and a remark', async () => {
    const { applicationId } = await pendingFile();
    const res = await decide(applicationId, PEOPLE.supGeneral, { decision: 'supplementary', scenarios: ['emotional_customer'], remark: '再看情绪处理' });
    expect(res.body.data).toMatchObject({ decision: 'supplementary', stage: 'supplementary_test', outcome: 'applied' });
    await waitFor(() => h.vendor.requests.length === 1, 'the vendor request');
    expect(JSON.parse(h.vendor.requests[0]!.body)).toMatchObject({ scenarios: [{ scenarioId: 'emotional_customer', title: '情绪激动客户安抚' }], remark: '再看情绪处理' });
  });

  it('HR restart a review whose approval was revoked in DingTalk: a new approval, a new notice, decidable again', async () => {
    const { applicationId, review } = await pendingFile();
    const restart = async () =>
      fetch(`${h.serverUrl}/api/v1/applications/${applicationId}/review/restart`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(h.deps, PEOPLE.hr)}` } })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: { reviewId: string }; error?: { code: string } } }));
    expect(await restart()).toMatchObject({ status: 409, body: { error: { code: 'review_not_open' } } });

    await h.dingtalk.terminateApproval({ instanceId: review.approvalInstanceId!, operatingUserId: 'hr01' });
    await waitFor(async () => (await db.ds.getRepository(Review).findOneByOrFail({ id: review.id })).status === 'terminated', 'the revoke');
    const forbidden = await fetch(`${h.serverUrl}/api/v1/applications/${applicationId}/review/restart`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(h.deps, PEOPLE.supGeneral)}` } });
    expect(forbidden.status).toBe(403);

    expect(await restart()).toMatchObject({ status: 202, body: { data: { reviewId: review.id } } });
    const restarted = await waitFor(async () => {
      const found = await db.ds.getRepository(Review).findOneByOrFail({ id: review.id });
      return found.status === 'pending' ? found : undefined;
    }, 'the new approval');
    expect(restarted.approvalInstanceId).not.toBe(review.approvalInstanceId);
    expect(h.sandbox.state.approvals.get(restarted.approvalInstanceId!)?.status).toBe('RUNNING');
    await waitFor(() => (h.sandbox.state.notifications.get('sup_general') ?? []).length === 2, 'a second work notice');
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'review.restarted', subjectId: applicationId, actorId: 'hr01' })).toBe(1);

    const res = await decide(applicationId, PEOPLE.supGeneral, { decision: 'refuse' });
    expect(res.body.data).toMatchObject({ stage: 'rejected', outcome: 'applied' });
    await waitFor(() => h.sandbox.state.approvals.get(restarted.approvalInstanceId!)?.status === 'COMPLETED', 'the new approval to close');
  });
});
