// The saved-embeds page's calls, through the one API client (app/src/api.ts).
import { requestJson } from '../api.js';
import type { ManagedSavedViewDto } from '../../../server/contracts/views.js';

export type SavedEmbed = ManagedSavedViewDto;

/** Published and unpublished views (newest first): the page lists the unpublished in their own section. */
export const listSavedEmbeds = () =>
  requestJson<{ items: SavedEmbed[] }>('/api/views?include=unpublished').then((r) => r.items);

export const updateSavedEmbed = (id: string, words: { title: string; description: string }) =>
  requestJson<SavedEmbed>(`/api/views/${encodeURIComponent(id)}`, { method: 'PATCH', body: words });

export const unpublishSavedEmbed = (id: string) =>
  requestJson<null>(`/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' });

