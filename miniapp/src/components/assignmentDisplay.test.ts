import { describe, expect, it } from 'vitest';
import { assignmentDueText, isOpenAssignment } from './assignmentDisplay';

describe('assignmentDueText', () => {
  it('names the Shanghai day a deadline falls on (dueAt is 00:00 of that day)', () => {
    expect(assignmentDueText({ dueAt: '2026-12-14T16:00:00.000Z', relativeTo: 'onboarding', dueDays: 0 })).toBe('2026-12-15 前完成');
    expect(assignmentDueText({ dueAt: '2027-01-13T16:00:00.000Z', relativeTo: 'decision', dueDays: 7 })).toBe('2027-01-14 前完成');
  });

  it('says the deadline waits for the onboarding date', () => {
    expect(assignmentDueText({ relativeTo: 'onboarding', dueDays: 30 })).toBe('入职后确定截止日期');
    expect(assignmentDueText({ relativeTo: 'onboarding', dueDays: 0 })).toBe('入职后确定截止日期');
  });

  it('says nothing without a deadline', () => {
    expect(assignmentDueText({ relativeTo: 'decision' })).toBeNull();
    expect(assignmentDueText({ relativeTo: 'onboarding' })).toBeNull();
  });
});

describe('isOpenAssignment', () => {
  it('treats assigned and overdue as still to do', () => {
    expect(['assigned', 'done', 'overdue', 'waived'].filter((s) => isOpenAssignment(s as never))).toEqual(['assigned', 'overdue']);
  });
});
