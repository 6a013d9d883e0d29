import type { TrainingWebhookEvent } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { postSignedWebhook } from '../platform/signedWebhook.js';

/**
 * Outbox handler of `training.deliver`: the stored event, signed with TRAINING_WEBHOOK_SECRET (the
 * ingestion scheme), `Idempotency-Key: <eventId>` — a retry is the same bytes under the same key.
 */
export async function deliverTrainingEvent(deps: Pick<Deps, 'clock' | 'settings' | 'fetch'>, payload: { event: TrainingWebhookEvent }): Promise<void> {
  const url = deps.settings.trainingWebhookUrl;
  if (!url) throw new PermanentDeliveryError('TRAINING_WEBHOOK_URL is no longer configured: the training event was not sent');
  await postSignedWebhook(deps, { url, secret: deps.settings.trainingWebhookSecret, idempotencyKey: payload.event.eventId, body: JSON.stringify(payload.event), receiver: 'learning platform' });
}
