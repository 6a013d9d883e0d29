import { describe, expect, it } from 'vitest';
import { compareVersions, supportsAuthCodeV2 } from './dingtalkVersion';
import { readSandboxUserHint } from './index';

describe('supportsAuthCodeV2', () => {
  it('uses requestAuthCode from 7.0.45 on phones and 7.0.50 on PC', () => {
    expect(supportsAuthCodeV2('ios', '7.0.45')).toBe(true);
    expect(supportsAuthCodeV2('android', '6.5.10')).toBe(false);
    expect(supportsAuthCodeV2('pc', '7.0.49')).toBe(false);
    expect(supportsAuthCodeV2('pc', '7.6.0')).toBe(true);
  });

  it('does not guess when the version or platform is unknown', () => {
    expect(supportsAuthCodeV2('ios', undefined)).toBeNull();
    expect(supportsAuthCodeV2('gdtIos', '7.0.45')).toBeNull();
  });

  it('compares numerically, part by part', () => {
    expect(compareVersions('7.0.100', '7.0.45')).toBeGreaterThan(0);
    expect(compareVersions('7.0', '7.0.0')).toBe(0);
  });
});

describe('readSandboxUserHint', () => {
  it('reads ?sandboxUser= before the hash, as the sandbox page links', () => {
    expect(readSandboxUserHint({ search: '?sandboxUser=sup_general', hash: '#/applications/42' })).toBe('sup_general');
  });

  it('also reads it from the hash route query', () => {
    expect(readSandboxUserHint({ search: '', hash: '#/applications/42?sandboxUser=hr_li' })).toBe('hr_li');
  });

  it('is null without one', () => {
    expect(readSandboxUserHint({ search: '?corpId=ding1', hash: '#/' })).toBeNull();
  });
});
