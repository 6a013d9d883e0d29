import { describe, expect, it } from 'vitest';
import { toPage } from './applications';

describe('toPage', () => {
  it('reads a page given as data: { items, nextCursor }', () => {
    expect(toPage({ data: { items: [1, 2], nextCursor: 'c2' } })).toEqual({ items: [1, 2], nextCursor: 'c2' });
  });

  it('reads a page given as data: [...] with the cursor beside it', () => {
    expect(toPage({ data: [1], nextCursor: null })).toEqual({ items: [1], nextCursor: null });
    expect(toPage({ data: [1], page: { nextCursor: 'c9' } })).toEqual({ items: [1], nextCursor: 'c9' });
  });

  it('refuses anything else', () => {
    expect(() => toPage({ data: { rows: [] } })).toThrow(expect.objectContaining({ code: 'bad_response' }));
  });
});
