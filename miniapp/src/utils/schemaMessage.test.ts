import { describe, expect, it } from 'vitest';
import { firstReadableMessage } from './schemaMessage';

describe('firstReadableMessage', () => {
  it('passes a Chinese message on and replaces developer text', () => {
    expect(firstReadableMessage([{ message: '请填写原因' }, { message: 'x' }], '不符合要求')).toBe('请填写原因');
    expect(firstReadableMessage([{ message: 'Too small: expected string to have >=1 characters' }], '不符合要求')).toBe('不符合要求');
    expect(firstReadableMessage([], '不符合要求')).toBe('不符合要求');
  });
});
