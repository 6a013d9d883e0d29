import type { ModelVersionView, PositionView, PublishModelInput, PublishModelResult } from '@aireview/shared';
import { request } from './http';

export function listPositions(): Promise<PositionView[]> {
  return request<PositionView[]>('/positions');
}

/** Version history, newest first. */
export function listModelVersions(positionCode: string): Promise<ModelVersionView[]> {
  return request<ModelVersionView[]>(`/positions/${encodeURIComponent(positionCode)}/models`);
}

/**
 * Publishes a new persona version (HR and admin). `expectedVersion` is the version the editor started
 * from: if someone published meanwhile the server answers `concurrent_update`.
 */
export function updatePositionModel(positionCode: string, input: PublishModelInput): Promise<PublishModelResult> {
  return request<PublishModelResult>(`/positions/${encodeURIComponent(positionCode)}/model`, { method: 'PUT', body: input });
}
