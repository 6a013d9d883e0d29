import { describe, expect, it } from 'vitest';
import { DingTalkError, dingtalkLink, isDingTalkError } from './port.js';

describe('dingtalkLink', () => {
  it('wraps the URL, fully encoded, in the side-panel link', () => {
    expect(dingtalkLink('https://h5.example.com/candidates/42?tab=score&from=notice#top')).toBe(
      'dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fh5.example.com%2Fcandidates%2F42%3Ftab%3Dscore%26from%3Dnotice%23top&pc_slide=true',
    );
  });

  it('keeps the original URL recoverable, non-ASCII included', () => {
    const url = 'https://h5.example.com/c/42?name=张三&q=a b+c';
    const link = new URL(dingtalkLink(url));
    expect(link.protocol).toBe('dingtalk:');
    expect(link.searchParams.get('url')).toBe(url);
    expect(link.searchParams.get('pc_slide')).toBe('true');
  });
});

describe('DingTalkError', () => {
  it('is retryable by default except for business and auth-code failures', () => {
    const retryable = (kind: DingTalkError['kind']) => new DingTalkError({ kind, code: 'x', message: 'x' }).retryable;
    expect(['rate_limited', 'token', 'server', 'timeout', 'network'].map((kind) => retryable(kind as DingTalkError['kind']))).toEqual([true, true, true, true, true]);
    expect(retryable('business')).toBe(false);
    expect(retryable('auth_code')).toBe(false);
  });

  it('lets the raiser override retryable and carries code and status', () => {
    const error = new DingTalkError({ kind: 'rate_limited', code: '90020', message: 'monthly quota', status: 200, retryable: false });
    expect(error).toMatchObject({ name: 'DingTalkError', kind: 'rate_limited', code: '90020', status: 200, retryable: false, message: 'monthly quota' });
    expect(error).toBeInstanceOf(Error);
  });

  it('is recognised by isDingTalkError, other errors are not', () => {
    expect(isDingTalkError(new DingTalkError({ kind: 'server', code: 'x', message: 'x' }))).toBe(true);
    expect(isDingTalkError(new Error('x'))).toBe(false);
    expect(isDingTalkError({ kind: 'server', code: 'x', retryable: true })).toBe(false);
  });
});
