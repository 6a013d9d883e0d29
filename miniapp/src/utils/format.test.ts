import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDateTime, formatLatency, formatScore, formatWaiting } from './format';

describe('format', () => {
  it('shows times in China Standard Time', () => {
    expect(formatDateTime('2025-03-08T16:05:00Z')).toBe('2025-03-09 00:05');
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows the China Standard Time calendar day of an instant', () => {
    expect(formatDate('2026-12-14T16:00:00.000Z')).toBe('2026-12-15');
    expect(formatDate('2026-12-14T15:59:59.000Z')).toBe('2026-12-14');
    expect(formatDate('soon')).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });

  it('says how long a review has waited', () => {
    expect(formatWaiting(0.4)).toBe('已等待不到 1 小时');
    expect(formatWaiting(5.7)).toBe('已等待 5 小时');
    expect(formatWaiting(48)).toBe('已等待 2 天');
    expect(formatWaiting(50)).toBe('已等待 2 天 2 小时');
  });

  it('formats clocks, latencies and scores', () => {
    expect(formatClock(75.4)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(Number.NaN)).toBe('0:00');
    expect(formatLatency(31_250)).toBe('31.3 秒');
    expect(formatScore(72.04)).toBe('72');
    expect(formatScore(72.35)).toBe('72.4');
  });
});
