import { describe, expect, it } from 'vitest';
import { createFakeDingTalk } from './fakeDingTalk.js';
import { DingTalkError } from './port.js';

const supervisor = { userId: 'sup_general', unionId: 'union-sup-general', name: '张伟', title: '主管', deptIds: [101], mobile: null };

describe('fake DingTalk', () => {
  it('gives deterministic ids and records calls', async () => {
    const runs = await Promise.all(
      [0, 1].map(async () => {
        const fake = createFakeDingTalk();
        const { instanceId } = await fake.startReviewApproval({ originatorUserId: 'hr01', approverUserIds: ['a', 'b'], formValues: [] });
        const { taskId } = await fake.sendWorkNotice({ userIds: ['a'], card: { title: 't', markdown: 'm', singleTitle: 's', singleUrl: 'u' } });
        return { instanceId, taskId, methods: fake.calls.map((call) => call.method) };
      }),
    );
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.methods).toEqual(['startReviewApproval', 'sendWorkNotice']);
  });

  it('fails the next call of a method as programmed, records it, and then works again', async () => {
    const fake = createFakeDingTalk();
    const error = new DingTalkError({ kind: 'rate_limited', code: '90018', message: 'qps' });
    fake.failNext('startReviewApproval', error);
    const input = { originatorUserId: 'hr01', approverUserIds: ['a'], formValues: [] };

    await expect(fake.startReviewApproval(input)).rejects.toBe(error);
    expect(fake.approvals.size).toBe(0);
    await fake.startReviewApproval(input);
    expect(fake.approvals.size).toBe(1);
    expect(fake.callsTo('startReviewApproval')).toEqual([[input], [input]]);
  });

  it('completes an OR approval with the first decision and cancels the other tasks', async () => {
    const fake = createFakeDingTalk();
    const { instanceId } = await fake.startReviewApproval({ originatorUserId: 'hr01', approverUserIds: ['a', 'b'], formValues: [] });
    const { tasks } = await fake.getApprovalInstance(instanceId);

    await fake.executeReviewTask({ instanceId, taskId: tasks[1]!.taskId, actorUserId: 'b', result: 'refuse' });
    expect(await fake.getApprovalInstance(instanceId)).toEqual({
      instanceId,
      state: 'refused',
      tasks: [
        { taskId: tasks[0]!.taskId, userId: 'a', state: 'cancelled', result: null },
        { taskId: tasks[1]!.taskId, userId: 'b', state: 'done', result: 'refuse' },
      ],
      formValues: [],
      decisions: [{ userId: 'b', result: 'refuse', remark: null, at: expect.any(Date) }],
    });
    await expect(fake.executeReviewTask({ instanceId, taskId: tasks[0]!.taskId, actorUserId: 'a', result: 'agree' })).rejects.toMatchObject({ kind: 'business' });
  });

  it('accepts an auth code once', async () => {
    const fake = createFakeDingTalk({ users: [supervisor] });
    const code = fake.issueAuthCode('sup_general');
    expect(await fake.getUserByAuthCode(code)).toEqual({ userId: 'sup_general', unionId: 'union-sup-general', name: '张伟' });
    await expect(fake.getUserByAuthCode(code)).rejects.toMatchObject({ kind: 'auth_code', retryable: false });
  });

  it('refuses a second todo for the same source id', async () => {
    const fake = createFakeDingTalk();
    const todo = { userId: 'sup_general', subject: 's', detailUrl: 'https://x', key: 'review-1' };
    await fake.createTodo(todo);
    await expect(fake.createTodo(todo)).rejects.toMatchObject({ kind: 'business', retryable: false });
    expect(fake.todos).toHaveLength(1);
  });

  it("finds the executor's todo by source id, open until completed, and not another user's", async () => {
    const fake = createFakeDingTalk();
    const dueAt = new Date('2026-12-15T10:00:00Z');
    const { id } = await fake.createTodo({ userId: 'staff01', subject: 's', detailUrl: 'https://x', key: 'training-7', dueAt });
    expect(fake.todos[0]).toMatchObject({ id, dueAt, done: false });

    expect(await fake.findTodoByKey({ userId: 'staff01', key: 'training-7' })).toEqual({ id, done: false });
    expect(await fake.findTodoByKey({ userId: 'sup_general', key: 'training-7' })).toBeNull();
    expect(await fake.findTodoByKey({ userId: 'staff01', key: 'training-8' })).toBeNull();
    await fake.completeTodo({ userId: 'staff01', todoId: id });
    await fake.completeTodo({ userId: 'staff01', todoId: id });
    expect(await fake.findTodoByKey({ userId: 'staff01', key: 'training-7' })).toEqual({ id, done: true });
    expect(fake.callsTo('completeTodo')).toEqual([[{ userId: 'staff01', todoId: id }], [{ userId: 'staff01', todoId: id }]]);
  });

  it('fails completing an unknown todo, or one of another user, as not_found', async () => {
    const fake = createFakeDingTalk();
    const { id } = await fake.createTodo({ userId: 'staff01', subject: 's', detailUrl: 'https://x', key: 'training-7' });

    await expect(fake.completeTodo({ userId: 'staff01', todoId: 'nope' })).rejects.toMatchObject({ kind: 'not_found', retryable: false });
    await expect(fake.completeTodo({ userId: 'sup_general', todoId: id })).rejects.toMatchObject({ kind: 'not_found' });
    expect(fake.todos[0]?.done).toBe(false);
  });
});
