import { describe, expect, it } from 'vitest';
import { outboxKindLabel, shortError } from './outboxKinds';

describe('outbox labels', () => {
  it('names known kinds in Chinese and shows unknown ones as they are', () => {
    expect(outboxKindLabel('vendor.supplementary')).toBe('向 AI 厂商发送补充测试请求');
    expect(outboxKindLabel('something.new')).toBe('something.new');
  });

  it('shortens errors to their first line', () => {
    expect(shortError('Error: vendor answered HTTP 500\n    at send')).toBe('Error: vendor answered HTTP 500');
    expect(shortError('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shortError(null)).toBe('未知错误');
  });
});
