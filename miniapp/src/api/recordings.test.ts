import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINK_REFRESH_MARGIN_MS, getRecordingLink, isLinkFresh } from './recordings';

const LINK = { url: '/api/v1/recordings/s1?u=sup_general&exp=1795600300&sig=ab', expiresAt: '2026-11-21T02:05:00.000Z' };

describe('getRecordingLink', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks the server for a signed link to one recording, by the session cookie, and never puts a token in a URL', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ data: LINK }), { status: 200, headers: { 'Content-Type': 'application/json' } }));

    await expect(getRecordingLink('s/1')).resolves.toEqual(LINK);

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/recordings/s%2F1/link');
    expect(init?.credentials).toBe('same-origin');
    expect(String(url)).not.toMatch(/token/);
  });

  it('passes the server’s refusal on (e.g. 404 for a recording out of scope)', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ error: { code: 'not_found', message: '录音不存在或无权收听' } }), { status: 404 }));
    await expect(getRecordingLink('s1')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('isLinkFresh', () => {
  const expiresAt = Date.parse(LINK.expiresAt);

  it('is fresh until the refresh margin before its expiry', () => {
    expect(isLinkFresh(LINK, expiresAt - LINK_REFRESH_MARGIN_MS - 1)).toBe(true);
    expect(isLinkFresh(LINK, expiresAt - LINK_REFRESH_MARGIN_MS)).toBe(false);
    expect(isLinkFresh(LINK, expiresAt + 1)).toBe(false);
  });

  it('treats an unreadable expiry as expired', () => {
    expect(isLinkFresh({ ...LINK, expiresAt: 'soon' }, 0)).toBe(false);
  });
});
