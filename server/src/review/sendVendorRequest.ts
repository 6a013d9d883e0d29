import { SIGNATURE_HEADER, TIMESTAMP_HEADER, supplementaryLabel } from '@aireview/shared';
import { Application, Candidate, InterviewRound, Position, Review, SupplementaryRequest, User } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { signRequest } from '../platform/signature.js';

const TIMEOUT_MS = 10_000;

/** The body of our signed POST to VENDOR_WEBHOOK_URL asking for supplementary scenarios. */
export interface VendorSupplementaryRequest {
  requestId: string;
  interviewId: string;
  candidate: { externalId: string | null; name: string };
  positionCode: string;
  scenarios: { scenarioId: string; title: string }[];
  remark: string | null;
  requestedBy: { userId: string; name: string | null };
  requestedAt: string;
}

export async function buildVendorRequest(deps: Pick<Deps, 'ds'>, requestId: string): Promise<VendorSupplementaryRequest> {
  const em = deps.ds.manager;
  const request = await em.findOneByOrFail(SupplementaryRequest, { id: requestId });
  const review = await em.findOneByOrFail(Review, { id: request.reviewId });
  const round = await em.findOneByOrFail(InterviewRound, { id: review.roundId });
  const application = await em.findOneByOrFail(Application, { id: request.applicationId });
  const candidate = await em.findOneByOrFail(Candidate, { id: application.candidateId });
  const position = await em.findOneByOrFail(Position, { id: application.positionId });
  const requester = await em.findOneBy(User, { dingtalkUserId: request.requestedByUserId });
  return {
    requestId: request.id,
    interviewId: round.interviewId,
    candidate: { externalId: candidate.externalId, name: candidate.name },
    positionCode: position.code,
    scenarios: request.scenarios.map((id) => ({ scenarioId: id, title: supplementaryLabel(id) })),
    remark: request.remark,
    requestedBy: { userId: request.requestedByUserId, name: requester?.name ?? null },
    requestedAt: request.createdAt.toISOString(),
  };
}

/**
 * Outbox handler of `vendor.supplementary`: a signed POST (the ingestion HMAC scheme over method, path
 * with query and body, keyed by VENDOR_WEBHOOK_SECRET — never the ingestion secret — plus
 * `Idempotency-Key: <requestId>` so the vendor can drop repeats). 2xx is done; 4xx other than
 * 408/429 will not get better and fails for good; anything else is retried with backoff.
 */
export async function sendVendorRequest(deps: Pick<Deps, 'ds' | 'clock' | 'settings' | 'fetch'>, payload: { requestId: string }): Promise<void> {
  const url = deps.settings.vendorWebhookUrl;
  if (!url) throw new PermanentDeliveryError('VENDOR_WEBHOOK_URL is not configured: the supplementary test request was not sent');
  const body = JSON.stringify(await buildVendorRequest(deps, payload.requestId));
  const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
  const target = new URL(url);
  const signature = signRequest({ secret: deps.settings.vendorWebhookSecret, timestamp, method: 'POST', pathWithQuery: target.pathname + target.search, body });
  const response = await deps.fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': payload.requestId,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signature,
    },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (response.ok) return;
  const message = `vendor answered HTTP ${response.status}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentDeliveryError(message);
  throw new Error(message);
}
