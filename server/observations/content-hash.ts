import crypto from 'node:crypto';
import type { ObservationInput } from '../contracts/observations.js';

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Stable JSON: keys sorted, Dates as ISO strings, null and undefined fields dropped. Written out directly
 * rather than by building sorted copies for JSON.stringify: the same text, with a fraction of the garbage
 * (bulk imports hash every row; the copies were a tenth of their Node time). The text must never change:
 * stored hashes were made from it.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).filter((k) => object[k] !== undefined && object[k] !== null).sort();
  // JSON.stringify puts array-index keys first, in numeric order, whatever order they were added in.
  const ordered = keys.some((k) => ARRAY_INDEX.test(k))
    ? [...keys.filter((k) => ARRAY_INDEX.test(k)).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !ARRAY_INDEX.test(k))]
    : keys;
  let text = '{';
  for (const k of ordered) {
    const v = object[k];
    // What JSON.stringify leaves out of an object.
    if (typeof v === 'function' || typeof v === 'symbol') continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${text}}`;
}

/**
 * SHA-256 of what the client said, after validation normalized it (so `2025-11-03T08:00:00Z`
 * and `2025-11-03T17:00:00+09:00` are the same content). The id is not part of the content.
 */
export function observationContentHash(input: ObservationInput): string {
  const { id: _id, ...content } = input;
  return crypto.createHash('sha256').update(canonicalJson(content)).digest('hex');
}
