import type {
  ApplicationFile,
  ApplicationListQuery,
  ApplicationSummary,
  DecisionInput,
  DecisionResult,
  FastTrackInput,
  MoveResult,
  OutcomeInput,
  OutcomeResult,
  Page,
  RetakeInput,
} from '@aireview/shared';
import { ApiError, request, requestEnvelope, type QueryValue } from './http';

/**
 * Accepts the page either as `data: { items, nextCursor }` or as `data: [...]` with the paging info
 * beside it, so the list keeps working whichever way the server lays its envelope out.
 */
export function toPage<T>(envelope: ({ data: unknown } & Record<string, unknown>) | undefined): Page<T> {
  const data = envelope?.data;
  if (Array.isArray(data)) {
    const nextCursor = envelope?.nextCursor ?? (envelope?.page as { nextCursor?: unknown } | undefined)?.nextCursor ?? null;
    return { items: data as T[], nextCursor: typeof nextCursor === 'string' ? nextCursor : null };
  }
  if (typeof data === 'object' && data !== null && Array.isArray((data as Page<T>).items)) {
    const page = data as Page<T>;
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }
  throw new ApiError(200, 'bad_response', '服务器返回的列表格式无法识别');
}

export async function listApplications(query: ApplicationListQuery, signal?: AbortSignal): Promise<Page<ApplicationSummary>> {
  const envelope = await requestEnvelope<unknown>('/applications', { query: query as Record<string, QueryValue>, signal });
  return toPage<ApplicationSummary>(envelope);
}

export function getApplication(applicationId: string): Promise<ApplicationFile> {
  return request<ApplicationFile>(`/applications/${encodeURIComponent(applicationId)}`);
}

export function createDecision(applicationId: string, input: DecisionInput): Promise<DecisionResult> {
  return request<DecisionResult>(`/applications/${encodeURIComponent(applicationId)}/decision`, { method: 'POST', body: input });
}

/** HR: the 复试 outcome (录用 with the expected onboarding date / 未通过 / 候选人放弃). */
export function createOutcome(applicationId: string, input: OutcomeInput): Promise<OutcomeResult> {
  return request<OutcomeResult>(`/applications/${encodeURIComponent(applicationId)}/outcome`, { method: 'POST', body: input });
}

/** HR: a new DingTalk approval for a review whose approval was revoked in DingTalk. */
export function restartReview(applicationId: string): Promise<{ reviewId: string; status: 'starting' }> {
  return request<{ reviewId: string; status: 'starting' }>(`/applications/${encodeURIComponent(applicationId)}/review/restart`, { method: 'POST' });
}

/** HR: a full retake of the AI interview (重新面试); the open review closes and the vendor is asked for a new interview. */
export function createRetake(applicationId: string, input: RetakeInput): Promise<MoveResult> {
  return request<MoveResult>(`/applications/${encodeURIComponent(applicationId)}/retake`, { method: 'POST', body: input });
}

/** HR: straight to 复试 (直接进入复试) over the review, with the chosen course rules made mandatory. */
export function createFastTrack(applicationId: string, input: FastTrackInput): Promise<MoveResult> {
  return request<MoveResult>(`/applications/${encodeURIComponent(applicationId)}/fast-track`, { method: 'POST', body: input });
}

/** Recruiting channels in the viewer's scope, most frequent first (the 来源 filter's shortcuts). */
export function listSources(): Promise<{ source: string; count: number }[]> {
  return request<{ source: string; count: number }[]>('/applications/sources');
}
