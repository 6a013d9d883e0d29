import { INGEST_LIMITS, InterviewResultSchema, RECORDING_TYPES } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { concurrencyLimit } from '../platform/http/concurrencyLimit.js';
import { rawBody } from '../platform/http/rawBody.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { validate } from '../platform/http/validate.js';
import { ingestInterviewResult } from './ingestInterviewResult.js';
import { storeRecording } from './storeRecording.js';
import { signatureHeaders, signedUpload, verifiedBody } from './vendorSignature.js';

const interviewResult = validate({ body: InterviewResultSchema });

/** What a client over its concurrent-upload allowance is told to wait, in seconds. */
const UPLOAD_RETRY_AFTER_SEC = 10;

/**
 * The AI vendor's signed ingestion API. The signature covers the method, the path and the exact bytes;
 * its headers are checked before any body byte is read. JSON bodies (1 MiB) are read raw and verified;
 * recordings (50 MiB) are streamed to staged storage while hashed and verified after the last byte.
 */
export function interviewsRouter(deps: Deps): AppRouter {
  const router = createRouter('/api/v1/interview-results');
  const headers = signatureHeaders({ clock: deps.clock });
  const secret = deps.settings.ingestSecret;

  router.post('/', headers, rawBody({ limit: INGEST_LIMITS.maxBodyBytes, types: ['application/json'] }), verifiedBody({ secret }), interviewResult, async (ctx) => {
    const outcome = await ingestInterviewResult(deps, interviewResult.of(ctx).body, ctx.state.requestId);
    ctx.status = outcome.status === 'created' ? 201 : 200;
    ctx.body = { data: outcome.data };
  });

  router.put(
    '/:interviewId/scenarios/:scenarioId/recording',
    concurrencyLimit({ max: deps.settings.limits.uploadsPerClient, retryAfterSec: UPLOAD_RETRY_AFTER_SEC, message: '同时上传的录音过多，请稍后重试' }),
    headers,
    signedUpload({ secret, storage: deps.storage, limit: INGEST_LIMITS.maxRecordingBytes, types: Object.keys(RECORDING_TYPES) }),
    async (ctx) => {
      const outcome = await storeRecording(deps, {
        interviewId: ctx.params.interviewId ?? '',
        scenarioId: ctx.params.scenarioId ?? '',
        contentType: ctx.state.mediaType as string,
        body: ctx.state.upload!,
        requestId: ctx.state.requestId,
      });
      ctx.status = outcome.status === 'created' ? 201 : 200;
      ctx.body = { data: { ...outcome.data, status: outcome.status } };
    },
  );
  return router;
}
