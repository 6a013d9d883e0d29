import { describe, expect, it } from 'vitest';
import { describeError } from './errorMessage';
import { ApiError } from './http';

describe('describeError', () => {
  it("shows the server's message", () => {
    expect(describeError(new ApiError(409, 'already_decided', '该审核已处理'))).toBe('该审核已处理');
  });

  it("prefers the page's own wording for a code", () => {
    expect(describeError(new ApiError(404, 'not_found', '未找到请求的资源'), { not_found: '候选人不存在或无权查看' })).toBe('候选人不存在或无权查看');
  });

  it('says what to do for expired sessions and network failures', () => {
    expect(describeError(new ApiError(401, 'unauthenticated', 'token expired'))).toBe('登录已失效，请重新登录');
    expect(describeError(new ApiError(0, 'network_error', 'x'))).toContain('网络');
  });

  it('says what to do about a training assignment or rule that is gone', () => {
    expect(describeError(new ApiError(404, 'unknown_assignment', '培训安排不存在'))).toContain('刷新');
    expect(describeError(new ApiError(422, 'unknown_rule', '岗位的培训规则中没有这些课程：x'))).toContain('重新选择');
  });

  it('falls back to the message of other errors', () => {
    expect(describeError(new Error('钉钉授权失败'))).toBe('钉钉授权失败');
    expect(describeError('weird')).toBe('出错了，请稍后重试');
  });
});
