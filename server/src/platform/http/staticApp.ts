import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context } from 'koa';
import type { Config } from '../config.js';
import { createRouter, type AppRouter } from './router.js';

/** Hashed build output (Vite's `assets/`) never changes under the same name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Precompressed siblings the build writes (miniapp/vite.config.ts), in order of preference. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

type FileInfo = { path: string; size: number; mtime: Date };

const NOT_BUILT_MESSAGE = 'H5 应用尚未构建。请先运行 npm run build -w miniapp，然后刷新页面。';

/**
 * The built H5 app (config.miniappDist) under /app/: files as they are (or their precompressed .br/.gz
 * sibling when the client accepts that encoding), index.html for extension-less paths (client-side
 * routes), 503 with a hint when the app has not been built. Hashed assets are cached for a year,
 * everything else revalidated (`no-cache`).
 */
export function staticAppRouter(settings: Pick<Config, 'miniappDist'>): AppRouter {
  const router = createRouter();
  const root = resolve(settings.miniappDist);

  router.get('/', (ctx) => ctx.redirect('/app/'));
  router.get('/app{/*path}', async (ctx) => {
    if (ctx.path === '/app') return ctx.redirect('/app/');
    const relative = relativePathOf(ctx.path);
    if (relative === null) return; // not_found from the error handler
    const file = relative === '' ? null : await fileAt(root, relative);
    if (file) return send(ctx, root, relative, file, relative.startsWith('assets/') ? IMMUTABLE : 'no-cache');
    if (relative !== '' && extname(relative) !== '') return; // a missing asset is a 404, never the page
    const index = await fileAt(root, 'index.html');
    if (!index) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = NOT_BUILT_MESSAGE;
      return;
    }
    await send(ctx, root, 'index.html', index, 'no-cache');
  });
  return router;
}

/** The path below /app/, decoded; null when it is malformed or tries to leave the directory. */
export function relativePathOf(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.slice('/app/'.length));
  } catch (error) {
    // Malformed percent-encoding names no file.
    if (error instanceof URIError) return null;
    throw error;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.' || (s.startsWith('.') && s.length > 1))) return null;
  return segments.filter((s) => s !== '').join('/');
}

async function fileAt(root: string, relative: string): Promise<FileInfo | null> {
  const full = resolve(root, relative);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const info = await stat(full);
    return info.isFile() ? { path: full, size: info.size, mtime: info.mtime } : null;
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}

/** The first precompressed sibling of `relative` (br, then gzip) whose encoding the client accepts, if any. */
async function encodedVariant(ctx: Context, root: string, relative: string): Promise<{ encoding: string; file: FileInfo } | null> {
  for (const { encoding, suffix } of PRECOMPRESSED) {
    if (ctx.acceptsEncodings(encoding) !== encoding) continue;
    const file = await fileAt(root, relative + suffix);
    if (file) return { encoding, file };
  }
  return null;
}

async function send(ctx: Context, root: string, relative: string, file: FileInfo, cacheControl: string): Promise<void> {
  const variant = await encodedVariant(ctx, root, relative);
  const sent = variant?.file ?? file;
  ctx.vary('Accept-Encoding');
  ctx.set('Cache-Control', cacheControl);
  ctx.lastModified = file.mtime;
  ctx.type = extname(file.path) || 'application/octet-stream';
  if (variant) ctx.set('Content-Encoding', variant.encoding);
  ctx.body = createReadStream(sent.path);
  ctx.length = sent.size;
}
