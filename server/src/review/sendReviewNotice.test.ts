import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { buildTestDeps } from '../../test/testApp.js';
import { ingestInterviewResult } from '../interviews/index.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { buildCard } from './notices.js';
import { loadReviewContext } from './queries.js';
import { sendReviewNotice } from './sendReviewNotice.js';
import { startReview } from './startReview.js';

describeEachDb('review notices', (db) => {
  async function setup(hrUserIds: string[]) {
    await createTestPosition(db.ds);
    const fake = createFakeDingTalk();
    const base = buildTestDeps(db.ds, { dingtalk: fake });
    const deps = { ...base, settings: { ...base.settings, roles: { ...base.settings.roles, hrUserIds } } };
    const { data } = await ingestInterviewResult(deps, samplePayload());
    const review = await startReview(deps, { applicationId: data.applicationId, roundId: (await db.ds.query('SELECT id FROM interview_rounds'))[0].id });
    return { fake, deps, review };
  }

  it('sends to more than 100 HR users in batches of 100', async () => {
    const hr = Array.from({ length: 150 }, (_, i) => `hr${i}`);
    const { fake, deps, review } = await setup(hr);
    expect(await sendReviewNotice(deps, { reviewId: review.id, type: 'passed' })).toBe('sent');
    const sends = fake.callsTo('sendWorkNotice').map(([input]) => input.userIds);
    expect(sends.map((ids) => ids.length)).toEqual([100, 50]);
    expect(sends.flat()).toEqual(hr);
  });

  it('builds the same card every time (a retried notice is identical) and a different one per notice type', async () => {
    const { deps, review } = await setup(['hr01']);
    const context = await loadReviewContext(db.ds.manager, review);
    expect(buildCard(deps.settings.publicBaseUrl, context, 'request')).toEqual(buildCard(deps.settings.publicBaseUrl, context, 'request'));
    expect(buildCard(deps.settings.publicBaseUrl, context, 'request').markdown).toContain(review.id.slice(0, 8));
    expect(buildCard(deps.settings.publicBaseUrl, context, 'reminder').title).not.toBe(buildCard(deps.settings.publicBaseUrl, context, 'request').title);
  });

  it('skips reminders once the review is no longer pending', async () => {
    const { fake, deps, review } = await setup(['hr01']);
    await db.ds.query(`UPDATE reviews SET status = 'decided' WHERE id = ?`, [review.id]);
    expect(await sendReviewNotice(deps, { reviewId: review.id, type: 'reminder' })).toBe('skipped');
    expect(fake.callsTo('sendWorkNotice')).toHaveLength(0);
  });
});
