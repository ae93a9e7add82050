import crypto from 'node:crypto';
import type { ObservationInput } from '../contracts/observations.js';

/** Stable JSON: keys sorted, Dates as ISO strings, undefined dropped. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * SHA-256 of what the client said, after validation normalized it (so `2025-11-03T08:00:00Z`
 * and `2025-11-03T17:00:00+09:00` are the same content). The id is not part of the content.
 */
export function observationContentHash(input: ObservationInput): string {
  const { id: _id, ...content } = input;
  return crypto.createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}
