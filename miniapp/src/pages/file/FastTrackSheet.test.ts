import type { TrainingRulesView } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '../../api/http';
import FastTrackSheet from './FastTrackSheet.vue';
import RetakeSheet from './RetakeSheet.vue';

const api = vi.hoisted(() => ({ createFastTrack: vi.fn(), createRetake: vi.fn(), getTrainingRules: vi.fn() }));
vi.mock('../../api/applications', () => ({ createFastTrack: api.createFastTrack, createRetake: api.createRetake }));
vi.mock('../../api/training', () => ({ getTrainingRules: api.getTrainingRules }));

const RULES: TrainingRulesView = {
  positionCode: 'CS-GENERAL',
  version: 3,
  rules: [
    { id: 'service-skills', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '客户服务技巧', dueDays: 0, relativeTo: 'onboarding' } },
    { id: 'product-knowledge', when: { dimension: 'productKnowledge', below: 70 }, assign: { kind: 'course', title: '产品知识培训', dueDays: 30, relativeTo: 'onboarding' } },
    { id: 'reserve-supervisor', when: { dimension: 'adaptability', atLeast: 85 }, assign: { kind: 'programme', title: '储备主管培养计划', relativeTo: 'decision' } },
  ],
  note: null,
  updatedByName: '李静',
  updatedAt: '2026-12-01T02:00:00.000Z',
  history: [],
};

/** StateView (the rules' loading state) needs the router for its 返回. */
function mountFastTrack() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: FastTrackSheet }] });
  return mount(FastTrackSheet, {
    props: { show: true, applicationId: 'app-1', positionCode: 'CS-GENERAL', scores: { serviceAwareness: 62, productKnowledge: 81, adaptability: 90 }, candidateName: '张三', teleport: null },
    attachTo: document.body,
    global: { plugins: [router] },
  });
}

const ruleBox = (wrapper: ReturnType<typeof mountFastTrack>, id: string) => wrapper.get(`[data-testid="fast-track-rule"][data-rule-id="${id}"]`);
const checked = (wrapper: ReturnType<typeof mountFastTrack>, id: string) => ruleBox(wrapper, id).attributes('aria-checked');

beforeEach(() => {
  vi.resetAllMocks();
  document.body.innerHTML = '';
});

describe('FastTrackSheet', () => {
  it('offers the position’s courses, preselecting those the newest round’s scores meet', async () => {
    api.getTrainingRules.mockResolvedValue(RULES);
    const wrapper = mountFastTrack();
    await flushPromises();
    expect(api.getTrainingRules).toHaveBeenCalledWith('CS-GENERAL');
    expect(wrapper.findAll('[data-testid="fast-track-rule"]').map((r) => r.attributes('data-rule-id'))).toEqual(['service-skills', 'product-knowledge']);
    expect(checked(wrapper, 'service-skills')).toBe('true');
    expect(checked(wrapper, 'product-knowledge')).toBe('false');
    expect(ruleBox(wrapper, 'service-skills').text()).toContain('服务意识 < 70 · 符合');
    expect(wrapper.text()).toContain('必修');
    expect(wrapper.text()).toContain('钉钉审批将被撤销');
  });

  it('needs a remark, then sends the chosen courses', async () => {
    api.getTrainingRules.mockResolvedValue(RULES);
    api.createFastTrack.mockResolvedValue({ applicationId: 'app-1', stage: 'second_interview', assignments: [] });
    const wrapper = mountFastTrack();
    await flushPromises();
    expect(wrapper.get('[data-testid="fast-track-submit"]').attributes('disabled')).toBeDefined();
    await ruleBox(wrapper, 'product-knowledge').trigger('click');
    await wrapper.get('[data-testid="fast-track-remark"] textarea').setValue('综合表现突出，产品知识需补强');
    await wrapper.get('[data-testid="fast-track-submit"]').trigger('click');
    await flushPromises();
    expect(api.createFastTrack).toHaveBeenCalledWith('app-1', { remark: '综合表现突出，产品知识需补强', ruleIds: ['service-skills', 'product-knowledge'] });
    expect(wrapper.emitted('moved')?.[0]).toEqual([{ applicationId: 'app-1', stage: 'second_interview', assignments: [] }]);
    expect(wrapper.emitted('update:show')?.at(-1)).toEqual([false]);
  });

  it('cannot be sent with no course chosen', async () => {
    api.getTrainingRules.mockResolvedValue(RULES);
    const wrapper = mountFastTrack();
    await flushPromises();
    await ruleBox(wrapper, 'service-skills').trigger('click');
    await wrapper.get('[data-testid="fast-track-remark"] textarea').setValue('表现突出');
    expect(wrapper.get('[data-testid="fast-track-submit"]').attributes('disabled')).toBeDefined();
  });

  it('says so when the position has no courses', async () => {
    api.getTrainingRules.mockResolvedValue({ ...RULES, rules: RULES.rules.filter((r) => r.assign.kind !== 'course') });
    const wrapper = mountFastTrack();
    await flushPromises();
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('还没有课程类培训规则');
  });

  it('shows the server’s refusal in our words and stays open', async () => {
    api.getTrainingRules.mockResolvedValue(RULES);
    api.createFastTrack.mockRejectedValue(new ApiError(422, 'unknown_rule', '岗位的培训规则中没有这些课程：service-skills'));
    const wrapper = mountFastTrack();
    await flushPromises();
    await wrapper.get('[data-testid="fast-track-remark"] textarea').setValue('表现突出');
    await wrapper.get('[data-testid="fast-track-submit"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="fast-track-error"]').text()).toContain('重新选择');
    expect(wrapper.emitted('moved')).toBeUndefined();
  });
});

describe('RetakeSheet', () => {
  function mountRetake() {
    return mount(RetakeSheet, { props: { show: true, applicationId: 'app-1', candidateName: '张三', teleport: null }, attachTo: document.body });
  }

  it('explains the retake and needs a reason before sending', async () => {
    api.createRetake.mockResolvedValue({ applicationId: 'app-1', stage: 'retake_requested', requestId: 'q-1' });
    const wrapper = mountRetake();
    expect(wrapper.text()).toContain('完整的重新面试');
    expect(wrapper.text()).toContain('当前审核随即关闭');
    expect(wrapper.get('[data-testid="retake-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="retake-remark"] textarea').setValue(' 已完成客户服务技巧培训 ');
    await wrapper.get('[data-testid="retake-submit"]').trigger('click');
    await flushPromises();
    expect(api.createRetake).toHaveBeenCalledWith('app-1', { remark: '已完成客户服务技巧培训' });
    expect(wrapper.emitted('moved')?.[0]).toEqual([{ applicationId: 'app-1', stage: 'retake_requested', requestId: 'q-1' }]);
  });

  it('shows the server’s refusal', async () => {
    api.createRetake.mockRejectedValue(new ApiError(409, 'illegal_transition', '不能从「复试」变更为「重新面试」'));
    const wrapper = mountRetake();
    await wrapper.get('[data-testid="retake-remark"] textarea').setValue('原因');
    await wrapper.get('[data-testid="retake-submit"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="retake-error"]').text()).toBe('不能从「复试」变更为「重新面试」');
  });
});
