import { supplementaryLabel } from '@aireview/shared';
import { Application, Candidate, InterviewRound, Position, Review, SupplementaryRequest, User } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { postSignedWebhook } from '../platform/signedWebhook.js';

/** The body of our signed POST to VENDOR_WEBHOOK_URL asking for another round: supplementary scenarios or a full retake. */
export interface VendorSupplementaryRequest {
  requestId: string;
  /** `supplementary`: run `scenarios` only; `retake`: the whole AI interview again (`scenarios` is empty). */
  kind: 'supplementary' | 'retake';
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
    kind: request.kind,
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
 * Outbox handler of `vendor.supplementary`: a signed POST to VENDOR_WEBHOOK_URL keyed by
 * VENDOR_WEBHOOK_SECRET (never the ingestion secret), `Idempotency-Key: <requestId>`; see postSignedWebhook.
 */
export async function sendVendorRequest(deps: Pick<Deps, 'ds' | 'clock' | 'settings' | 'fetch'>, payload: { requestId: string }): Promise<void> {
  const url = deps.settings.vendorWebhookUrl;
  if (!url) throw new PermanentDeliveryError('VENDOR_WEBHOOK_URL is not configured: the request to the vendor was not sent');
  const body = JSON.stringify(await buildVendorRequest(deps, payload.requestId));
  await postSignedWebhook(deps, { url, secret: deps.settings.vendorWebhookSecret, idempotencyKey: payload.requestId, body, receiver: 'vendor' });
}
