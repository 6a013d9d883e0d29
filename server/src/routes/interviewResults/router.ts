import { INGEST_LIMITS, InterviewResultSchema, RECORDING_TYPES } from '@aireview/shared';
import Router from '@koa/router';
import { ingestInterviewResult } from '../../commands/ingestInterviewResult.js';
import { storeRecording } from '../../commands/storeRecording.js';
import type { AppDeps } from '../../app.js';
import { badRequest, unprocessable } from '../../errors.js';
import { zodDetails } from '../../middlewares/errorHandler.js';
import { ingestSignature } from '../../middlewares/ingestSignature.js';
import { rawBody } from '../../middlewares/rawBody.js';

/** The AI vendor's signed ingestion API. */
export function interviewResultsRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1/interview-results' });
  const signed = ingestSignature({ secret: deps.config.ingestSecret, now: deps.clock });

  router.post('/', rawBody({ limit: INGEST_LIMITS.maxBodyBytes, types: ['application/json'] }), signed, async (ctx) => {
    let json: unknown;
    try {
      json = JSON.parse((ctx.state.rawBody as Buffer).toString('utf8'));
    } catch (error) {
      throw badRequest('malformed_json', `请求体不是合法的 JSON：${(error as Error).message}`);
    }
    const parsed = InterviewResultSchema.safeParse(json);
    if (!parsed.success) throw unprocessable('invalid_payload', '面试结果内容不符合接口要求', zodDetails(parsed.error));
    const outcome = await ingestInterviewResult({ ds: deps.ds, now: deps.now }, parsed.data, ctx.state.requestId);
    if (outcome.status === 'created') deps.onOutbox?.();
    ctx.status = outcome.status === 'created' ? 201 : 200;
    ctx.body = { data: outcome.data };
  });

  router.put(
    '/:interviewId/scenarios/:scenarioId/recording',
    rawBody({ limit: INGEST_LIMITS.maxRecordingBytes, types: Object.keys(RECORDING_TYPES) }),
    signed,
    async (ctx) => {
      const outcome = await storeRecording(
        { ds: deps.ds, storage: deps.storage, now: deps.now },
        {
          interviewId: ctx.params.interviewId ?? '',
          scenarioId: ctx.params.scenarioId ?? '',
          contentType: ctx.state.mediaType as string,
          body: ctx.state.rawBody as Buffer,
          requestId: ctx.state.requestId,
        },
      );
      ctx.status = outcome.status === 'created' ? 201 : 200;
      ctx.body = { data: { ...outcome.data, status: outcome.status } };
    },
  );
  return router;
}
