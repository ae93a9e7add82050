import type { QueueItem } from './queue-store.js';

/** Seconds before retry n (1, 2, …): doubling from 2 s, at most 5 minutes. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(300, 2 ** Math.max(1, attempt));
}

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; reason: string }
  | { kind: 'failed'; reason: string; status: number }
  | { kind: 'signin'; reason: string };

/**
 * What a response means for a queued item: stored (201, or 200 for a resend the server
 * already had) is done; a refusal of the content (400, 409, 413, 415, 422) will not change by
 * resending and is shown with its reason; 401/403 wait for sign-in; anything else retries.
 */
export function classifyResponse(status: number, message: string): SendOutcome {
  if (status === 200 || status === 201) return { kind: 'sent' };
  if ([400, 409, 413, 415, 422].includes(status)) return { kind: 'failed', reason: message, status };
  if (status === 401 || status === 403) return { kind: 'signin', reason: message };
  return { kind: 'retry', reason: message || `server answered ${status}` };
}

/** Sends one item as multipart: the observation as JSON and its photos. Never throws. */
export async function sendItem(item: QueueItem): Promise<SendOutcome> {
  const form = new FormData();
  form.append('observation', JSON.stringify({ ...item.observation, id: item.id }));
  if (item.shareLocation) {
    form.append('shareLocation', 'true');
    form.append('photoLocations', JSON.stringify(item.photoLocations));
  }
  item.photos.forEach((blob, i) => form.append('photos', blob, `photo-${i + 1}.jpg`));
  try {
    const res = await fetch('/api/submissions', { method: 'POST', body: form, credentials: 'same-origin' });
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return classifyResponse(res.status, body?.error?.message ?? '');
  } catch (err) {
    return { kind: 'retry', reason: navigator.onLine ? (err as Error).message : 'offline' };
  }
}
