import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, filenameFromDisposition, onUnauthenticated, request, requestFile, send } from './http';

function respond(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('buildUrl', () => {
  it('prefixes the API base and leaves out empty query values', () => {
    expect(buildUrl('/applications', { q: '张', stage: undefined, batch: '', cursor: null, limit: 20 })).toBe('/api/v1/applications?q=%E5%BC%A0&limit=20');
  });
});

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    sessionStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    onUnauthenticated(null);
  });

  it('returns the envelope data', async () => {
    fetchMock.mockResolvedValue(respond(200, { data: { count: 2 } }));
    await expect(request('/reviews/pending')).resolves.toEqual({ count: 2 });
  });

  it('authenticates by the same-origin cookie only, with an Origin the CSRF check can see, and JSON bodies', async () => {
    fetchMock.mockResolvedValue(respond(200, { data: {} }));
    await request('/applications/a1/decision', { method: 'POST', body: { decision: 'agree' } });
    const [, init] = fetchMock.mock.calls[0]!;
    const headers = init?.headers as Record<string, string>;
    expect(headers.Authorization).toBeUndefined();
    expect([init?.credentials, init?.referrerPolicy]).toEqual(['same-origin', 'same-origin']);
    expect(sessionStorage.length).toBe(0);
    expect(headers['Content-Type']).toBe('application/json');
    expect(init?.body).toBe('{"decision":"agree"}');
  });

  it('turns an error envelope into an ApiError carrying code, status and message', async () => {
    fetchMock.mockResolvedValue(respond(409, { error: { code: 'already_decided', message: '已审核' } }));
    const error = await request('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'already_decided', message: '已审核' });
  });

  it('reports unauthenticated answers to the session handler', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    fetchMock.mockResolvedValue(respond(401, { error: { code: 'unauthenticated', message: '请登录' } }));
    await expect(request('/applications')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('keeps quiet about unauthenticated answers when asked (the session probe)', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    fetchMock.mockResolvedValue(respond(401, { error: { code: 'unauthenticated', message: '请登录' } }));
    await expect(request('/me', { quietUnauthenticated: true })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('maps a failed fetch to network_error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('/x')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('maps a non-JSON error page to a typed error by status', async () => {
    fetchMock.mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(request('/x')).rejects.toMatchObject({ code: 'bad_response', status: 502 });
  });

  it('accepts an empty or null answer where only success matters', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(send('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    fetchMock.mockResolvedValueOnce(respond(200, { data: null }));
    await expect(send('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name (koa attachment with an ASCII fallback)', () => {
    expect(filenameFromDisposition(`attachment; filename="report-2026-12-04.xlsx"; filename*=UTF-8''%E6%95%B0%E6%8D%AE%E7%9C%8B%E6%9D%BF-2026-12-04.xlsx`)).toBe('数据看板-2026-12-04.xlsx');
  });

  it('falls back to the plain name, quoted or not, and to null', () => {
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
    expect(filenameFromDisposition('attachment; filename=report.csv')).toBe('report.csv');
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="plain.csv"`)).toBe('plain.csv');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});

describe('requestFile', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('returns the body and its name, asking with the session cookie', async () => {
    fetchMock.mockResolvedValue(new Response('a,b\n1,2\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="r.csv"' } }));
    const file = await requestFile('/reports/export', { query: { format: 'csv', batch: 'B-1' } });
    expect([file.filename, await file.blob.text()]).toEqual(['r.csv', 'a,b\n1,2\n']);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/reports/export?format=csv&batch=B-1');
    expect(init?.credentials).toBe('same-origin');
  });

  it('turns the error envelope into an ApiError instead of a file', async () => {
    fetchMock.mockResolvedValue(respond(403, { error: { code: 'forbidden', message: '只有 HR、管理员和主管可以查看数据看板' } }));
    await expect(requestFile('/reports/export')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});
