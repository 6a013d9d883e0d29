import { describe, expect, it } from 'vitest';
import { shanghaiMidnight } from '../platform/dates.js';
import { dueCheckpointOf, retention90dOf } from './retention.js';

const hire = { stage: 'hired' as const, onboardingDate: '2026-01-01', lastWorkDay: null, retentionCheckedAt: null, imported: false };

describe('dueCheckpointOf', () => {
  it('is nothing before day 30, then the latest checkpoint not read since it came', () => {
    expect(dueCheckpointOf(hire, '2026-01-30')).toBeNull();
    expect(dueCheckpointOf(hire, '2026-01-31')).toBe(30);
    expect(dueCheckpointOf({ ...hire, retentionCheckedAt: shanghaiMidnight('2026-01-31') }, '2026-02-20')).toBeNull();
    expect(dueCheckpointOf({ ...hire, retentionCheckedAt: shanghaiMidnight('2026-01-31') }, '2026-04-01')).toBe(90);
    expect(dueCheckpointOf(hire, '2026-07-01')).toBe(180);
    expect(dueCheckpointOf({ ...hire, retentionCheckedAt: shanghaiMidnight('2026-06-30') }, '2027-01-01')).toBeNull();
  });
});

describe('retention90dOf', () => {
  it('is null before day 90 for someone still employed', () => {
    expect(retention90dOf(hire, '2026-03-31')).toBeNull();
  });
  it('is false as soon as a hire left before day 90', () => {
    expect(retention90dOf({ ...hire, stage: 'left', lastWorkDay: '2026-02-15' }, '2026-02-20')).toBe(false);
  });
  it('is true after day 90 once departures were read on or after it, or for imported history', () => {
    expect(retention90dOf(hire, '2026-04-05')).toBeNull();
    expect(retention90dOf({ ...hire, retentionCheckedAt: shanghaiMidnight('2026-04-01') }, '2026-04-05')).toBe(true);
    expect(retention90dOf({ ...hire, imported: true }, '2026-04-05')).toBe(true);
    expect(retention90dOf({ ...hire, stage: 'left', lastWorkDay: '2026-05-01' }, '2026-06-01')).toBe(true);
  });
  it('is null for applications that were not hired', () => {
    expect(retention90dOf({ ...hire, stage: 'rejected' }, '2027-01-01')).toBeNull();
  });
});
