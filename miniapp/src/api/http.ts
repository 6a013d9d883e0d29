import type { ErrorCode } from '@aireview/shared';

/** The one HTTP client: owns the `{ data }` / `{ error }` envelope, cookie credentials and error typing. */

export const API_BASE = '/api/v1';

/** Server codes plus the two failures that never reach the server's error handler. */
export type ClientErrorCode = ErrorCode | 'network_error' | 'bad_response';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A raw body sent as is with its own type (file uploads), instead of a JSON `body`. */
  file?: Blob;
  signal?: AbortSignal;
  /** Do not report `unauthenticated` to the session (used by the session probe itself). */
  quietUnauthenticated?: boolean;
}

/** Anything after `data`: list endpoints may put paging info beside it. */
export type Envelope<T> = { data: T } & Record<string, unknown>;

let unauthenticatedHandler: ((error: ApiError) => void) | null = null;

/** The session store registers itself here so any 401 sends the user back to login. */
export function onUnauthenticated(handler: ((error: ApiError) => void) | null): void {
  unauthenticatedHandler = handler;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(response.status, 'bad_response', `服务器返回了无法识别的内容（HTTP ${response.status}）`);
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = isRecord(payload) ? payload.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code as ClientErrorCode, error.message, error.details);
  }
  if (status === 401) return new ApiError(status, 'unauthenticated', '登录已失效，请重新登录');
  if (status === 404) return new ApiError(status, 'not_found', '内容不存在');
  return new ApiError(status, status >= 500 ? 'internal_error' : 'bad_request', `请求失败（HTTP ${status}）`);
}

/** Sends one request; a non-2xx answer becomes an ApiError (reported to the session when it is a 401). */
async function fetchOk(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file !== undefined) headers['Content-Type'] = options.file.type;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      // The session is the httpOnly cookie. The page's Referrer-Policy is no-referrer, under which a
      // browser sends `Origin: null` on POST; same-origin lets the server's CSRF check see our origin.
      credentials: 'same-origin',
      referrerPolicy: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试', cause);
  }

  if (!response.ok) {
    const error = toApiError(response.status, await readJson(response));
    if (error.code === 'unauthenticated' && !options.quietUnauthenticated) unauthenticatedHandler?.(error);
    throw error;
  }
  return response;
}

/** Sends one request and returns the whole success envelope. */
export async function requestEnvelope<T>(path: string, options: RequestOptions = {}): Promise<Envelope<T> | undefined> {
  const response = await fetchOk(path, options, 'application/json');
  const payload = await readJson(response);
  if (payload === undefined) return undefined;
  if (isRecord(payload) && 'data' in payload) return payload as Envelope<T>;
  throw new ApiError(response.status, 'bad_response', '服务器返回了无法识别的内容');
}

/** A file the server sent as an attachment: its bytes and the name from Content-Disposition (null without one). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** `filename*=UTF-8''…` (RFC 6266 / 5987) when present, else the plain `filename="…"`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch (error) {
      // A malformed escape: fall back to the plain name below.
      if (!(error instanceof URIError)) throw error;
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header);
  if (!plain) return null;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!;
}

/** Sends one request for a file (exports): the body as a Blob; errors still come as the `{ error }` envelope. */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const response = await fetchOk(path, options, '*/*');
  return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('Content-Disposition')) };
}

/** Sends one request and returns its `data`. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const envelope = await requestEnvelope<T>(path, options);
  if (envelope === undefined) throw new ApiError(204, 'bad_response', '服务器没有返回数据');
  return envelope.data;
}

/** For endpoints whose answer does not matter (logout): accepts 204 as well as `{ data }`. */
export async function send(path: string, options: RequestOptions = {}): Promise<void> {
  await requestEnvelope<unknown>(path, options);
}
