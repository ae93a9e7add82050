// The review page's calls, through the one API client (app/src/api.ts).
import { requestJson } from '../api.js';
import type { AuditTrailDto } from '../../../server/contracts/observations.js';
import type { ReviewDecisionDto, ReviewQueueDto } from '../../../server/contracts/review.js';

export type QueuePage = ReviewQueueDto;
export type QueueFilters = { crossing?: string; observer?: string; method?: string; minAgeHours?: string; maxAgeHours?: string };
export type AuditEntry = AuditTrailDto['items'][number];

export function fetchQueue(filters: QueueFilters, cursor: string | null, limit?: number): Promise<QueuePage> {
  // Without a limit the server's default page (50).
  const q = new URLSearchParams(limit ? { limit: String(limit) } : {});
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  return requestJson<QueuePage>(`/api/review/queue?${q}`);
}

export const decide = (ids: string[], action: 'approve' | 'reject', reason?: string) =>
  requestJson<ReviewDecisionDto>('/api/review/decisions', { method: 'POST', body: { ids, action, ...(reason && { reason }) } });

export const fetchHistory = (id: string) => requestJson<AuditTrailDto>(`/api/observations/${encodeURIComponent(id)}/audit`).then((r) => r.items);
