import type { TrainingAssignmentView } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http';
import TrainingCard from './TrainingCard.vue';

const api = vi.hoisted(() => ({ setAssignmentStatus: vi.fn() }));
vi.mock('../../api/training', () => api);

const base = { firedAt: 'second_interview', relativeTo: 'onboarding', createdAt: '2026-12-01T02:00:00.000Z', mandatory: false } as const;
const course: TrainingAssignmentView = {
  ...base,
  id: 'a-1',
  ruleId: 'service-skills',
  kind: 'course',
  title: '客户服务技巧',
  status: 'assigned',
  dueDays: 0,
  trigger: { dimension: 'serviceAwareness', score: 65 },
};
const done: TrainingAssignmentView = {
  ...base,
  id: 'a-2',
  ruleId: 'empathy',
  kind: 'course',
  title: '同理心训练',
  status: 'done',
  dueAt: '2026-12-14T16:00:00.000Z',
  dueDays: 0,
  completedAt: '2026-12-10T03:00:00.000Z',
  completionScore: 92,
  remark: '线下完成',
  trigger: { dimension: 'serviceAwareness', score: 65 },
};
const fastTracked: TrainingAssignmentView = { ...course, id: 'a-3', ruleId: 'product-knowledge', title: '产品知识培训', mandatory: true, trigger: null, dueDays: 30 };
const team: TrainingAssignmentView = { ...base, id: 'a-4', ruleId: 'team', kind: 'team', title: '生鲜客服', status: 'assigned', relativeTo: 'decision', trigger: { dimension: 'teamwork', score: 88 } };

function mountCard(canManage: boolean, assignments = [course, done, fastTracked]) {
  return mount(TrainingCard, { props: { assignments, canManage, teleport: null }, attachTo: document.body });
}

const item = (wrapper: ReturnType<typeof mountCard>, ruleId: string) => wrapper.get(`[data-testid="training-item"][data-rule-id="${ruleId}"]`);

beforeEach(() => {
  api.setAssignmentStatus.mockReset();
  document.body.innerHTML = '';
});

describe('TrainingCard', () => {
  it('lists each assignment with its kind, status, why and by when', () => {
    const wrapper = mountCard(false, [course, done, fastTracked, team]);
    const open = item(wrapper, 'service-skills');
    expect(open.get('[data-testid="training-title"]').text()).toBe('客户服务技巧');
    expect(open.text()).toContain('课程');
    expect(open.get('[data-testid="training-status"]').text()).toBe('待完成');
    expect(open.get('[data-testid="training-trigger"]').text()).toBe('依据 服务意识 65.0');
    expect(open.get('[data-testid="training-due"]').text()).toBe('入职后确定截止日期');
    expect(open.find('[data-testid="training-mandatory"]').exists()).toBe(false);

    const closed = item(wrapper, 'empathy');
    expect(closed.get('[data-testid="training-status"]').text()).toBe('已完成');
    expect(closed.get('[data-testid="training-due"]').text()).toBe('2026-12-15 前完成');
    expect(closed.get('[data-testid="training-completed"]').text()).toBe('完成于 2026-12-10 · 成绩 92');
    expect(closed.get('[data-testid="training-remark"]').text()).toBe('备注：线下完成');

    expect(item(wrapper, 'product-knowledge').get('[data-testid="training-mandatory"]').text()).toBe('必修');
    expect(item(wrapper, 'team').find('[data-testid="training-due"]').exists()).toBe(false);
  });

  it('offers 标记完成 and 免除 only to HR, and only on open items', () => {
    expect(mountCard(false).find('[data-testid="training-done"]').exists()).toBe(false);
    const wrapper = mountCard(true);
    expect(item(wrapper, 'service-skills').find('[data-testid="training-done"]').exists()).toBe(true);
    expect(item(wrapper, 'service-skills').find('[data-testid="training-waive"]').exists()).toBe(true);
    expect(item(wrapper, 'empathy').find('[data-testid="training-done"]').exists()).toBe(false);
  });

  it('marks an item done after confirming in the sheet, with the remark, and hands the result up', async () => {
    const result = { assignment: { ...course, status: 'done', completedAt: '2026-12-11T02:00:00.000Z', remark: '已线下培训' }, outcome: 'applied' };
    api.setAssignmentStatus.mockResolvedValue(result);
    const wrapper = mountCard(true);
    await item(wrapper, 'service-skills').get('[data-testid="training-done"]').trigger('click');
    const sheet = wrapper.get('[data-testid="training-status-sheet"]');
    expect(sheet.text()).toContain('客户服务技巧');
    await sheet.get('[data-testid="training-status-remark"] textarea').setValue(' 已线下培训 ');
    await sheet.get('[data-testid="training-status-submit"]').trigger('click');
    await flushPromises();
    expect(api.setAssignmentStatus).toHaveBeenCalledWith('a-1', { status: 'done', remark: '已线下培训' });
    expect(wrapper.emitted('changed')?.[0]).toEqual([result]);
  });

  it('waives without a remark, and shows the server’s refusal in the sheet', async () => {
    api.setAssignmentStatus.mockRejectedValue(new ApiError(409, 'illegal_transition', '培训安排已完成，不能免除'));
    const wrapper = mountCard(true);
    await item(wrapper, 'service-skills').get('[data-testid="training-waive"]').trigger('click');
    expect(wrapper.get('[data-testid="training-status-sheet"]').attributes('data-action')).toBe('waived');
    await wrapper.get('[data-testid="training-status-submit"]').trigger('click');
    await flushPromises();
    expect(api.setAssignmentStatus).toHaveBeenCalledWith('a-1', { status: 'waived' });
    expect(wrapper.get('[data-testid="training-status-error"]').text()).toBe('培训安排已完成，不能免除');
    expect(wrapper.emitted('changed')).toBeUndefined();
  });
});
