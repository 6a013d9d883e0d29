import type { OutboxList, OutboxRowView } from '@aireview/shared';
import { request } from './http';

/** Admins: outbox counts and the failed deliveries with their last error. */
export function listFailedDeliveries(): Promise<OutboxList> {
  return request<OutboxList>('/admin/outbox', { query: { status: 'failed' } });
}

/** Admins: put a failed delivery back in the queue. */
export function retryDelivery(id: string): Promise<OutboxRowView> {
  return request<OutboxRowView>(`/admin/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST' });
}
