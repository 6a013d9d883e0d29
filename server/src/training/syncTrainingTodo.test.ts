import { beforeEach, expect, it } from 'vitest';
import { Application, TrainingAssignment } from '../platform/db/entities/index.js';
import { createFakeDingTalk, type FakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { decideReview } from '../review/index.js';
import { describeEachDb } from '../../test/db.js';
import { createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';
import { closeTrainingTodo, createTrainingTodo } from './syncTrainingTodo.js';

describeEachDb('the hire’s 待办', (db) => {
  let dingtalk: FakeDingTalk;
  let applicationId: string;
  let assignmentId: string;
  const deps = () => buildTestDeps(db.ds, { dingtalk });

  beforeEach(async () => {
    dingtalk = createFakeDingTalk({ users: [{ userId: 'emp001', unionId: 'union-emp001', name: '刘晓燕', title: null, deptIds: [1], mobile: '13900000001' }] });
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
    const file = await fileInReview(db.ds);
    await decideReview(buildTestDeps(db.ds), { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    applicationId = file.applicationId;
    assignmentId = (await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ applicationId, ruleId: 'service-skills' })).id;
  });
  const link = (employeeUserId = 'emp001') => db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired', employeeUserId });

  it('creates the todo for the hire, keyed by the assignment, and records its id', async () => {
    await link();
    await expect(createTrainingTodo(deps(), { assignmentId })).resolves.toBe('created');
    expect(dingtalk.todos).toEqual([expect.objectContaining({ userId: 'emp001', key: assignmentId, subject: '培训：客户服务技巧' })]);
    expect((await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ id: assignmentId })).todoId).toBe(dingtalk.todos[0]!.id);
    await expect(createTrainingTodo(deps(), { assignmentId })).resolves.toBe('skipped');
    expect(dingtalk.todos).toHaveLength(1);
  });

  it('adopts a todo an earlier attempt created before its id was recorded', async () => {
    await link();
    await dingtalk.createTodo({ userId: 'emp001', subject: '培训：客户服务技巧', detailUrl: 'x', key: assignmentId });
    await expect(createTrainingTodo(deps(), { assignmentId })).resolves.toBe('adopted');
    expect(dingtalk.todos).toHaveLength(1);
  });

  it('an assignment already closed gets no todo; closing one marks its todo done', async () => {
    await link();
    await createTrainingTodo(deps(), { assignmentId });
    await db.ds.getRepository(TrainingAssignment).update({ id: assignmentId }, { status: 'done' });
    await expect(closeTrainingTodo(deps(), { assignmentId })).resolves.toBe('closed');
    expect(dingtalk.todos[0]!.done).toBe(true);
    const other = (await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ applicationId, ruleId: 'empathy' })).id;
    await db.ds.getRepository(TrainingAssignment).update({ id: other }, { status: 'waived' });
    await expect(createTrainingTodo(deps(), { assignmentId: other })).resolves.toBe('skipped');
  });

  it('without a linked DingTalk user: creating fails for good, closing has nothing to do', async () => {
    await expect(createTrainingTodo(deps(), { assignmentId })).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(closeTrainingTodo(deps(), { assignmentId })).resolves.toBe('none');
  });
});
