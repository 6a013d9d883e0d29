import type { Deps } from '../deps.js';
import { rawBody } from '../http/rawBody.js';
import { createRouter, type AppRouter } from '../http/router.js';
import { recordInboundEvent } from '../inbound.js';
import { createCallbackReceiver } from './callbackReceiver.js';

const CALLBACK_LIMIT_BYTES = 256 * 1024;

/**
 * DingTalk's HTTP event push: verify, decrypt, store the event by id, answer with the encrypted
 * `success` at once; a worker applies stored events (the feature that owns them registers the handler).
 * Timestamps are not age-checked: DingTalk may re-push old events, and de-duplication makes replays harmless.
 */
export function dingtalkCallbackRouter(deps: Deps): AppRouter {
  const router = createRouter();
  const receiver = createCallbackReceiver(deps.settings.dingtalk);
  const log = deps.log.child({ module: 'dingtalk-callback' });

  router.post('/dingtalk/callback', rawBody({ limit: CALLBACK_LIMIT_BYTES, types: ['application/json', 'text/plain'] }), async (ctx) => {
    const callback = receiver.open({ query: ctx.query, body: ctx.state.rawBody as Buffer });
    if (callback.kind === 'event') {
      const outcome = await recordInboundEvent(deps, { source: 'dingtalk', eventId: callback.eventId, eventType: callback.eventType, payload: callback.payload });
      log.info({ eventId: callback.eventId, eventType: callback.eventType, outcome }, 'DingTalk event received');
    }
    ctx.body = receiver.successReply();
  });
  return router;
}
