import type { Writable } from 'node:stream';
import type { Context } from 'koa';
import { AppError, tooLarge } from './errors.js';

/** A request body streamed into staged storage: measured and hashed, not yet stored under a key. */
export interface StagedBody {
  bytes: number;
  /** Hex sha256 of the body. */
  sha256: string;
  /** The first bytes (magic-number checks). */
  head: Buffer;
  /** Store the staged bytes as `key`; afterwards nothing deletes them. */
  commit(key: string): Promise<void>;
}

export interface StreamBodyOptions {
  /** Maximum body size in bytes; one byte more stops the copy with 413 (the rest is discarded as it arrives). */
  limit: number;
  /** Sees every chunk, in order, before it is written (incremental hashes). */
  onChunk: (chunk: Buffer) => void;
}

/**
 * Copy the request body into `sink` with backpressure, never holding more than a chunk or two in memory,
 * and end it. Resolves with the byte count once the sink has finished; rejects with 413 over the limit,
 * with the sink's error, or when the client goes away mid-body. The caller owns (and discards) the sink.
 */
export function streamBody(ctx: Context, sink: Writable, options: StreamBodyOptions): Promise<number> {
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let settled = false;
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', fail);
      req.removeListener('close', onClose);
      sink.removeListener('drain', onDrain);
      sink.removeListener('finish', onFinish);
      sink.removeListener('error', fail);
    };
    function fail(error: Error) {
      if (settled) return;
      settled = true;
      cleanup();
      // Whatever is still on the way is read and dropped, so the refusal can be answered.
      req.resume();
      reject(error);
    }
    function onData(chunk: Buffer) {
      bytes += chunk.length;
      if (bytes > options.limit) {
        fail(tooLarge(`请求体超过上限 ${options.limit} 字节`, { limit: options.limit }));
        return;
      }
      options.onChunk(chunk);
      if (!sink.write(chunk)) req.pause();
    }
    function onDrain() {
      req.resume();
    }
    function onEnd() {
      sink.end();
    }
    function onFinish() {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(bytes);
    }
    function onClose() {
      if (!req.complete) fail(new AppError(400, 'bad_request', '请求体未完整接收（连接已中断）'));
    }
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', fail);
    req.once('close', onClose);
    sink.on('drain', onDrain);
    sink.once('finish', onFinish);
    sink.once('error', fail);
  });
}
