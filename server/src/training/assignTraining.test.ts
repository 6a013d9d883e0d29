import { beforeEach, expect, it } from 'vitest';
import { recordOutcome } from '../hiring/index.js';
import { Application, OutboxMessage, TrainingAssignment } from '../platform/db/entities/index.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { decideReview } from '../review/index.js';
import { rescoreApplications } from '../interviews/index.js';
import { describeEachDb } from '../../test/db.js';
import { createDemoPositions, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { fileInReview, publishDemoRules, UNEVEN_SCORES } from '../../test/trainingFixtures.js';
import { TRAINING_KINDS } from './kinds.js';
import { trainingHandlers } from './handlers.js';

describeEachDb('training rules fire on 复试 and on 录用', (db) => {
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
  });

  const assignments = (applicationId: string) => db.ds.getRepository(TrainingAssignment).find({ where: { applicationId }, order: { createdAt: 'ASC' } });
  const approve = (deps: ReturnType<typeof buildTestDeps>, reviewId: string) =>
    decideReview(deps, { review: { id: reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
  const hire = (deps: ReturnType<typeof buildTestDeps>, applicationId: string, onboardingDate = '2026-12-15') =>
    recordOutcome(deps, PEOPLE.hr, applicationId, { outcome: 'hired', onboardingDate });

  it('approving assigns what the scores show, each with the score that fired it, and one HR notice in the same transaction', async () => {
    const deps = buildTestDeps(db.ds, {}, { HR_USER_IDS: 'hr01' });
    const file = await fileInReview(db.ds);
    await approve(deps, file.reviewId);
    const rows = await assignments(file.applicationId);
    expect(rows.map((r) => [r.ruleId, r.kind, r.title, r.dimension, r.triggerScore, r.firedAt, r.status])).toEqual([
      ['service-skills', 'course', '客户服务技巧', 'serviceAwareness', 65, 'second_interview', 'assigned'],
      ['empathy', 'course', '同理心训练', 'serviceAwareness', 65, 'second_interview', 'assigned'],
      ['product-knowledge', 'course', '产品知识培训', 'productKnowledge', 62, 'second_interview', 'assigned'],
      ['reserve-supervisor', 'programme', '储备主管培养计划', 'adaptability', 88, 'second_interview', 'assigned'],
      ['high-collaboration-team', 'team', '生鲜客服', 'teamwork', 90, 'second_interview', 'assigned'],
    ]);
    // Counting from an onboarding date nobody knows yet: no due date.
    expect(rows.every((r) => r.dueAt === null)).toBe(true);
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: TRAINING_KINDS.notice })).toBe(1);
  });

  it('a refusal assigns nothing', async () => {
    const deps = buildTestDeps(db.ds);
    const file = await fileInReview(db.ds);
    await decideReview(deps, { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'refuse' });
    expect(await assignments(file.applicationId)).toEqual([]);
  });

  it('a candidate above every threshold gets nothing and HR no notice', async () => {
    const deps = buildTestDeps(db.ds);
    const file = await fileInReview(db.ds, { serviceAwareness: 80, productKnowledge: 80, adaptability: 70, teamwork: 70, communication: 80, problemSolving: 80 });
    await approve(deps, file.reviewId);
    expect(await assignments(file.applicationId)).toEqual([]);
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: TRAINING_KINDS.notice })).toBe(0);
  });

  it('on 录用 the onboarding-relative courses get their due dates, the rules fire again, and nothing is assigned twice', async () => {
    const deps = buildTestDeps(db.ds);
    const file = await fileInReview(db.ds);
    await approve(deps, file.reviewId);
    // The same decision arriving again (a DingTalk retry) changes nothing.
    await decideReview(deps, { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'dingtalk', decision: 'agree' });
    // A re-score before the hire: still one assignment per rule.
    await rescoreApplications(deps, { positionId: (await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId })).positionId, actorId: 'hr01' });
    await hire(deps, file.applicationId, '2026-12-15');
    const rows = await assignments(file.applicationId);
    expect(rows).toHaveLength(5);
    const due = Object.fromEntries(rows.map((r) => [r.ruleId, r.dueAt?.toISOString() ?? null]));
    expect(due).toEqual({
      'service-skills': '2026-12-14T16:00:00.000Z',
      empathy: '2026-12-14T16:00:00.000Z',
      'product-knowledge': '2027-01-13T16:00:00.000Z',
      'reserve-supervisor': null,
      'high-collaboration-team': null,
    });
  });

  it('a rule added after 复试 fires on 录用 (and says so)', async () => {
    const deps = buildTestDeps(db.ds);
    const file = await fileInReview(db.ds, { ...UNEVEN_SCORES, communication: 60 });
    await approve(deps, file.reviewId);
    await publishDemoRules(db.ds, 'CS-GENERAL', [
      { id: 'speaking', when: { dimension: 'communication', below: 65 }, assign: { kind: 'course', title: '表达训练', dueDays: 7, relativeTo: 'decision' } },
    ]);
    const before = await assignments(file.applicationId);
    await hire(deps, file.applicationId);
    const added = (await assignments(file.applicationId)).filter((a) => !before.some((b) => b.id === a.id));
    expect(added.map((a) => [a.ruleId, a.firedAt, a.ruleVersion])).toEqual([['speaking', 'hired', 2]]);
    expect(added[0]!.dueAt).not.toBeNull();
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: TRAINING_KINDS.notice })).toBe(2);
  });

  it('the notice says by which day (Asia/Shanghai) a course is due, as the file does', async () => {
    const dingtalk = createFakeDingTalk();
    const deps = buildTestDeps(db.ds, { dingtalk }, { HR_USER_IDS: 'hr01' });
    const file = await fileInReview(db.ds);
    await approve(deps, file.reviewId);
    await db.ds.getRepository(TrainingAssignment).update({ applicationId: file.applicationId, ruleId: 'service-skills' }, { dueAt: new Date('2026-12-14T16:00:00.000Z') });
    const [notice] = await db.ds.getRepository(OutboxMessage).findBy({ kind: TRAINING_KINDS.notice });
    await trainingHandlers(deps)[TRAINING_KINDS.notice]!(notice!, deps.log);
    expect(dingtalk.notices[0]!.card.markdown).toContain('客户服务技巧（服务意识 65.0），2026-12-15 前完成');
  });

  it('a crash after the assignment committed but before the notice went out: the notice is sent once on retry, nothing is assigned again', async () => {
    const dingtalk = createFakeDingTalk();
    const deps = buildTestDeps(db.ds, { dingtalk }, { HR_USER_IDS: 'hr01' });
    const file = await fileInReview(db.ds);
    await approve(deps, file.reviewId);
    const [notice] = await db.ds.getRepository(OutboxMessage).findBy({ kind: TRAINING_KINDS.notice });
    const deliver = trainingHandlers(deps)[TRAINING_KINDS.notice]!;
    // The worker dies mid-send: DingTalk failed, the outbox row stays pending.
    dingtalk.failNext('sendWorkNotice');
    await expect(deliver(notice!, deps.log)).rejects.toThrow();
    // A new worker delivers it; a second delivery (a lost answer) sends the same card.
    await deliver(notice!, deps.log);
    await deliver(notice!, deps.log);
    const sent = dingtalk.notices.filter((n) => n.card.title.startsWith('培训安排'));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.card).toEqual(sent[1]!.card);
    expect(sent[0]!.card.markdown).toContain('客户服务技巧（服务意识 65.0）');
    expect(sent[0]!.userIds).toEqual(['hr01']);
    expect(await assignments(file.applicationId)).toHaveLength(5);
  });
});
