import { beforeEach, expect, it } from 'vitest';
import { Application, OutboxMessage, TrainingAssignment } from '../platform/db/entities/index.js';
import { fixedClock } from '../platform/clock.js';
import { decideReview } from '../review/index.js';
import { describeEachDb } from '../../test/db.js';
import { createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';
import { TRAINING_KINDS } from './kinds.js';
import { markOverdue } from './markOverdue.js';
import { requestTodos } from './requestTodos.js';

describeEachDb('training jobs', (db) => {
  let applicationId: string;
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
    const file = await fileInReview(db.ds);
    await decideReview(buildTestDeps(db.ds), { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    applicationId = file.applicationId;
  });

  const rows = () => db.ds.getRepository(TrainingAssignment).find({ where: { applicationId }, order: { ruleId: 'ASC' } });
  const overdueNotices = () => db.ds.getRepository(OutboxMessage).find({ where: { kind: TRAINING_KINDS.notice } }).then((all) => all.filter((m) => (m.payload as { type: string }).type === 'overdue'));

  it('marks what is past due overdue (not what is due later, done or without a date) and tells HR once', async () => {
    const due = new Date('2026-12-10T16:00:00Z');
    await db.ds.getRepository(TrainingAssignment).update({ applicationId, ruleId: 'service-skills' }, { dueAt: due });
    await db.ds.getRepository(TrainingAssignment).update({ applicationId, ruleId: 'empathy' }, { dueAt: due, status: 'done' });
    await db.ds.getRepository(TrainingAssignment).update({ applicationId, ruleId: 'product-knowledge' }, { dueAt: new Date('2026-12-20T16:00:00Z') });
    const deps = buildTestDeps(db.ds, { clock: fixedClock(new Date('2026-12-11T01:00:00Z')) });

    expect(await markOverdue(deps)).toEqual({ marked: 1 });
    expect((await rows()).map((r) => [r.ruleId, r.status])).toEqual([
      ['empathy', 'done'],
      ['high-collaboration-team', 'assigned'],
      ['product-knowledge', 'assigned'],
      ['reserve-supervisor', 'assigned'],
      ['service-skills', 'overdue'],
    ]);
    const [notice] = await overdueNotices();
    expect(notice!.payload).toEqual({ type: 'overdue', assignmentIds: [(await rows()).find((r) => r.ruleId === 'service-skills')!.id] });
    // The next run finds nothing new to say.
    expect(await markOverdue(deps)).toEqual({ marked: 0 });
    expect(await overdueNotices()).toHaveLength(1);
  });

  it('two instances running the job at once mark and announce each assignment once', async () => {
    await db.ds.getRepository(TrainingAssignment).update({ applicationId, ruleId: 'service-skills' }, { dueAt: new Date('2026-12-10T16:00:00Z') });
    const deps = buildTestDeps(db.ds, { clock: fixedClock(new Date('2026-12-11T01:00:00Z')) });
    const results = await Promise.allSettled([markOverdue(deps), markOverdue(deps)]);
    const marked = results.map((r) => (r.status === 'fulfilled' ? r.value.marked : 0));
    expect(marked.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await overdueNotices()).toHaveLength(1);
  });

  it('requests 待办 only for hires linked to a DingTalk user, for courses and programmes, once', async () => {
    const deps = buildTestDeps(db.ds);
    expect(await requestTodos(deps)).toEqual({ requested: 0 });
    await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired', employeeUserId: 'staff01' });
    expect(await requestTodos(deps)).toEqual({ requested: 4 });
    await requestTodos(deps);
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: TRAINING_KINDS.todo })).toBe(4);
  });
});
