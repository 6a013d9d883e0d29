import type { ErrorCode } from '@aireview/shared';

/** The one application error: carries its HTTP status and a stable machine-readable code. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code: ErrorCode, message: string) => new AppError(401, code, message);
export const notFound = (code: ErrorCode, message: string) => new AppError(404, code, message);
export const conflict = (code: ErrorCode, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: ErrorCode, message: string, details?: unknown) => new AppError(422, code, message, details);
export const tooLarge = (message: string, details?: unknown) => new AppError(413, 'payload_too_large', message, details);
export const unsupportedMediaType = (message: string, details?: unknown) => new AppError(415, 'unsupported_media_type', message, details);
export const forbidden = (code: ErrorCode, message: string) => new AppError(403, code, message);
/** 416; the error middleware adds the `Content-Range` with the size. */
export const rangeNotSatisfiable = (size: number) => new AppError(416, 'range_not_satisfiable', '请求的字节范围超出录音长度', { size });
/** 429 rate_limited; the error middleware adds `Retry-After` (seconds). */
export const tooManyRequests = (retryAfterSec: number, message = '请求过于频繁，请稍后再试') =>
  new AppError(429, 'rate_limited', message, { retryAfterSec: Math.max(1, Math.ceil(retryAfterSec)) });
