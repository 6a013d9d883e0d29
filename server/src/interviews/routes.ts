import { INGEST_LIMITS, InterviewResultSchema, RECORDING_TYPES } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { rawBody } from '../platform/http/rawBody.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { validate } from '../platform/http/validate.js';
import { ingestInterviewResult } from './ingestInterviewResult.js';
import { storeRecording } from './storeRecording.js';
import { vendorSignature } from './vendorSignature.js';

const interviewResult = validate({ body: InterviewResultSchema });

/** The AI vendor's signed ingestion API. The signature covers the exact bytes, so bodies are read raw first. */
export function interviewsRouter(deps: Deps): AppRouter {
  const router = createRouter('/api/v1/interview-results');
  const signed = vendorSignature({ secret: deps.settings.ingestSecret, clock: deps.clock });

  router.post('/', rawBody({ limit: INGEST_LIMITS.maxBodyBytes, types: ['application/json'] }), signed, interviewResult, async (ctx) => {
    const outcome = await ingestInterviewResult(deps, interviewResult.of(ctx).body, ctx.state.requestId);
    ctx.status = outcome.status === 'created' ? 201 : 200;
    ctx.body = { data: outcome.data };
  });

  router.put(
    '/:interviewId/scenarios/:scenarioId/recording',
    rawBody({ limit: INGEST_LIMITS.maxRecordingBytes, types: Object.keys(RECORDING_TYPES) }),
    signed,
    async (ctx) => {
      const outcome = await storeRecording(deps, {
        interviewId: ctx.params.interviewId ?? '',
        scenarioId: ctx.params.scenarioId ?? '',
        contentType: ctx.state.mediaType as string,
        body: ctx.state.rawBody as Buffer,
        requestId: ctx.state.requestId,
      });
      ctx.status = outcome.status === 'created' ? 201 : 200;
      ctx.body = { data: { ...outcome.data, status: outcome.status } };
    },
  );
  return router;
}
