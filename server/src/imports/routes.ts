import { HistoryImportBodySchema, IMPORT_LIMITS, PerformanceImportBodySchema, TrainingCompletionInputSchema, XLSX_MEDIA_TYPE } from '@aireview/shared';
import { signatureHeaders, verifiedBody } from '../interviews/index.js';
import type { Deps } from '../platform/deps.js';
import { rawBody } from '../platform/http/rawBody.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { importHistory } from './importHistory.js';
import { importPerformance } from './importPerformance.js';
import { importPerformanceFile } from './importPerformanceFile.js';
import { recordCompletion } from '../training/index.js';

const historyBatch = validate({ body: HistoryImportBodySchema });
const performanceBatch = validate({ body: PerformanceImportBodySchema });
const completion = validate({ body: TrainingCompletionInputSchema });
/** One completion is a few hundred bytes. */
const COMPLETION_MAX_BYTES = 16 * 1024;

/**
 * Imports: interview history and monthly performance, signed like the vendor API but with
 * IMPORT_SECRET (the signature headers are checked before the body is read); and HR's sheet upload of
 * performance from the H5 app (session, HR or admin). Each answers a per-record report. Training
 * completions from the learning platform are signed the same way.
 */
export function importsRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');
  const signed = [
    signatureHeaders({ clock: deps.clock }),
    rawBody({ limit: IMPORT_LIMITS.maxBodyBytes, types: ['application/json'] }),
    verifiedBody({ secret: deps.settings.importSecret }),
  ];

  router.post('/imports/interview-history', ...signed, historyBatch, async (ctx) => {
    ctx.body = { data: await importHistory(deps, historyBatch.of(ctx).body.records) };
  });

  router.post('/performance-records', ...signed, performanceBatch, async (ctx) => {
    const rows = performanceBatch.of(ctx).body.records.map((record) => ({ record }));
    ctx.body = { data: await importPerformance(deps, rows, 'api') };
  });

  /** The learning platform: a course finished (by assignment id, or employee id and title). */
  router.post(
    '/training-completions',
    signatureHeaders({ clock: deps.clock }),
    rawBody({ limit: COMPLETION_MAX_BYTES, types: ['application/json'] }),
    verifiedBody({ secret: deps.settings.importSecret }),
    completion,
    async (ctx) => {
      ctx.body = { data: await recordCompletion(deps, completion.of(ctx).body, ctx.state.requestId) };
    },
  );

  router.post(
    '/performance-records/upload',
    sessions.required,
    requireRole(['hr', 'admin'], '只有 HR 和管理员可以导入绩效数据'),
    rawBody({ limit: IMPORT_LIMITS.maxBodyBytes, types: ['text/csv', XLSX_MEDIA_TYPE] }),
    async (ctx) => {
      ctx.body = { data: await importPerformanceFile(deps, { body: ctx.state.rawBody!, mediaType: ctx.state.mediaType! }) };
    },
  );
  return router;
}
