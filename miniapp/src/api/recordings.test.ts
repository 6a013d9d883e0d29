import { describe, expect, it } from 'vitest';
import { recordingSrc } from './recordings';

describe('recordingSrc', () => {
  it('appends the token as access_token, since <audio> cannot send headers', () => {
    expect(recordingSrc('/api/v1/recordings/s1', 'a b')).toBe('/api/v1/recordings/s1?access_token=a%20b');
  });

  it('extends an existing query string', () => {
    expect(recordingSrc('/api/v1/recordings/s1?v=2', 't')).toBe('/api/v1/recordings/s1?v=2&access_token=t');
  });

  it('leaves the URL alone without a token (cookie sessions)', () => {
    expect(recordingSrc('/api/v1/recordings/s1', null)).toBe('/api/v1/recordings/s1');
  });
});
