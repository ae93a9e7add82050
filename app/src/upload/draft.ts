/**
 * The observation being typed, kept in localStorage on every change, so closing the app (or the phone killing it)
 * loses nothing. Photos are not in the draft: they are kept once the observation is saved.
 */
const key = (userId: string) => `landport-draft:${userId}`;

export type Draft = Record<string, string | boolean>;

export function loadDraft(userId: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(userId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, draft: Draft) {
  localStorage.setItem(key(userId), JSON.stringify(draft));
}

export function clearDraft(userId: string) {
  localStorage.removeItem(key(userId));
}
