import { describe, expect, it } from 'vitest';
import { dueAtOf, lastDayOf } from './dueDates.js';

/** 2026-12-04 15:30 in Shanghai. */
const decidedAt = new Date('2026-12-04T07:30:00Z');

describe('dueAtOf', () => {
  it('"before onboarding" (0 days) is due at 00:00 Shanghai of the onboarding day', () => {
    expect(dueAtOf('onboarding', 0, { decidedAt, onboardingDate: '2026-12-15' })?.toISOString()).toBe('2026-12-14T16:00:00.000Z');
  });

  it('"within 30 days of onboarding" is due at 00:00 of onboarding day + 30', () => {
    expect(dueAtOf('onboarding', 30, { decidedAt, onboardingDate: '2026-12-15' })?.toISOString()).toBe('2027-01-13T16:00:00.000Z');
  });

  it('counting from onboarding has no due date while the onboarding date is unknown', () => {
    expect(dueAtOf('onboarding', 0, { decidedAt, onboardingDate: null })).toBeNull();
  });

  it('"within 7 days of the decision" ends with the 7th day after the decision day (Shanghai)', () => {
    expect(dueAtOf('decision', 7, { decidedAt, onboardingDate: null })?.toISOString()).toBe('2026-12-11T16:00:00.000Z');
  });

  it('the decision day is the Shanghai day: 23:30 UTC on the 3rd is already the 4th', () => {
    expect(dueAtOf('decision', 0, { decidedAt: new Date('2026-12-03T23:30:00Z'), onboardingDate: null })?.toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('no dueDays, no deadline', () => {
    expect(dueAtOf('decision', null, { decidedAt, onboardingDate: '2026-12-15' })).toBeNull();
  });
});

describe('lastDayOf', () => {
  it('a course due at 00:00 of the onboarding day must be done by the day before', () => {
    expect(lastDayOf(new Date('2026-12-14T16:00:00.000Z'))).toBe('2026-12-14');
  });
});
