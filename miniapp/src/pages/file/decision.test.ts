import { describe, expect, it } from 'vitest';
import { aiSuggestionText, buildDecisionInput, canRestartReview, disagreementWarning, EMPTY_DRAFT, type DecisionDraft } from './decision';

const draft = (patch: Partial<DecisionDraft>): DecisionDraft => ({ ...EMPTY_DRAFT, scenarios: [], ...patch });

describe('buildDecisionInput', () => {
  it('needs a decision', () => {
    expect(buildDecisionInput(draft({}))).toEqual({ ok: false, message: '请选择审核结论' });
  });

  it('sends a trimmed remark and leaves an empty one out', () => {
    expect(buildDecisionInput(draft({ decision: 'agree', remark: '  沟通好 ' }))).toEqual({ ok: true, input: { decision: 'agree', remark: '沟通好' } });
    expect(buildDecisionInput(draft({ decision: 'refuse', remark: '   ' }))).toEqual({ ok: true, input: { decision: 'refuse' } });
  });

  it('asks for at least one scenario for a supplementary test', () => {
    const check = buildDecisionInput(draft({ decision: 'supplementary' }));
    expect(check).toEqual({ ok: false, message: '补充测试需要至少选择一个场景' });
  });

  it('sends scenarios only with a supplementary test', () => {
    expect(buildDecisionInput(draft({ decision: 'supplementary', scenarios: ['cross_department'] }))).toEqual({
      ok: true,
      input: { decision: 'supplementary', scenarios: ['cross_department'] },
    });
    // Picked, then switched to 通过: the picks must not go along.
    expect(buildDecisionInput(draft({ decision: 'agree', scenarios: ['cross_department'] }))).toEqual({ ok: true, input: { decision: 'agree' } });
  });
});

describe('disagreementWarning', () => {
  it('is silent when the decision follows the AI', () => {
    expect(disagreementWarning('agree', 'recommended')).toBeNull();
    expect(disagreementWarning('supplementary', 'borderline')).toBeNull();
    expect(disagreementWarning('refuse', 'not_recommended')).toBeNull();
  });

  it('names both sides when the decision goes against the AI', () => {
    const text = disagreementWarning('agree', 'not_recommended');
    expect(text).toContain('不推荐');
    expect(text).toContain('「不通过」');
    expect(text).toContain('「通过」');
    expect(disagreementWarning('refuse', 'borderline')).not.toBeNull();
  });
});

describe('aiSuggestionText', () => {
  it('states the suggested decision with the recommendation', () => {
    expect(aiSuggestionText('borderline')).toBe('AI建议：补充测试（待定）');
  });
});

describe('canRestartReview', () => {
  it('lets HR and admins restart only when the newest review was revoked', () => {
    expect(canRestartReview('hr', 'in_review', [{ status: 'terminated' }, { status: 'decided' }])).toBe(true);
    expect(canRestartReview('admin', 'in_review', [{ status: 'terminated' }])).toBe(true);
    expect(canRestartReview('supervisor', 'in_review', [{ status: 'terminated' }])).toBe(false);
    expect(canRestartReview('hr', 'in_review', [{ status: 'pending' }, { status: 'terminated' }])).toBe(false);
    expect(canRestartReview('hr', 'in_review', [])).toBe(false);
    expect(canRestartReview(undefined, 'in_review', [{ status: 'terminated' }])).toBe(false);
  });

  it('offers no restart once the candidate left 待审核 (a retake closes the review too)', () => {
    expect(canRestartReview('hr', 'retake_requested', [{ status: 'terminated' }])).toBe(false);
    expect(canRestartReview('admin', 'second_interview', [{ status: 'terminated' }])).toBe(false);
    expect(canRestartReview('hr', 'rejected', [{ status: 'terminated' }])).toBe(false);
  });
});
