import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@aireview/shared';
import type { Deps } from './deps.js';
import { PermanentDeliveryError } from './outbox/worker.js';
import { signRequest } from './signature.js';

const TIMEOUT_MS = 10_000;

/**
 * A signed POST from an outbox handler to a partner's webhook: the ingestion HMAC scheme over method,
 * path with query and body, keyed by that partner's own secret, plus `Idempotency-Key` so the receiver
 * can drop repeats. 2xx is done; 4xx other than 408/429 will not get better and fails for good;
 * anything else is retried by the outbox with backoff.
 */
export async function postSignedWebhook(
  deps: Pick<Deps, 'clock' | 'fetch'>,
  request: { url: string; secret: string; idempotencyKey: string; body: string; receiver: string },
): Promise<void> {
  const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
  const target = new URL(request.url);
  const signature = signRequest({ secret: request.secret, timestamp, method: 'POST', pathWithQuery: target.pathname + target.search, body: request.body });
  const response = await deps.fetch(request.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': request.idempotencyKey,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signature,
    },
    body: request.body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.ok) return;
  const message = `${request.receiver} answered HTTP ${response.status}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentDeliveryError(message);
  throw new Error(message);
}
