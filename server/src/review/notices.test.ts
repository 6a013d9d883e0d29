import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { buildTestDeps } from '../../test/testApp.js';
import { ingestInterviewResult } from '../commands/ingestInterviewResult.js';
import { createFakeDingTalk } from '../dingtalk/fakeDingTalk.js';
import { createLogger } from '../logger.js';
import { loadReviewContext } from './context.js';
import type { ReviewDeps } from './deps.js';
import { buildCard, sendReviewNotice } from './notices.js';
import { startReview } from './startReview.js';

describeEachDb('review notices', (db) => {
  async function setup(hrUserIds: string[]) {
    await createTestPosition(db.ds);
    const fake = createFakeDingTalk();
    const base = buildTestDeps(db.ds);
    const deps: ReviewDeps = { ds: db.ds, dingtalk: fake, log: createLogger('silent'), settings: { ...base.review, hrUserIds } };
    const { data } = await ingestInterviewResult({ ds: db.ds }, samplePayload());
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
    expect(buildCard(deps.settings, context, 'request')).toEqual(buildCard(deps.settings, context, 'request'));
    expect(buildCard(deps.settings, context, 'request').markdown).toContain(review.id.slice(0, 8));
    expect(buildCard(deps.settings, context, 'reminder').title).not.toBe(buildCard(deps.settings, context, 'request').title);
  });

  it('skips reminders once the review is no longer pending', async () => {
    const { fake, deps, review } = await setup(['hr01']);
    await db.ds.query(`UPDATE reviews SET status = 'decided' WHERE id = ?`, [review.id]);
    expect(await sendReviewNotice(deps, { reviewId: review.id, type: 'reminder' })).toBe('skipped');
    expect(fake.callsTo('sendWorkNotice')).toHaveLength(0);
  });
});
