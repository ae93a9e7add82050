import { describe, expect, it } from 'vitest';
import { observationInput } from '../contracts/observations.js';
import fc from 'fast-check';
import { canonicalJson, observationContentHash } from './content-hash.js';

const base = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  crossingId: 'x', observedAt: '2025-11-03T08:30:00Z', metric: 'queue_vehicles', value: 4,
  vehicleClass: 'truck', method: 'field', source: 's',
};
const HASH_OF_BASE = 'fc3c397b71461e28c9f4d64ffe7b27567cba2dc2d865327d4d5e6567494d5023';
const hash = (o: object) => observationContentHash(observationInput.parse(o));

describe('observationContentHash', () => {
  it('ignores the id, key order and how the instant is written', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse());
    expect(hash({ ...reordered, id: '2b4e28ba-2fa1-41d2-883f-0016d3cca427', observedAt: '2025-11-03T17:30:00+09:00' })).toBe(hash(base));
  });
  it('changes with any field of content', () => {
    expect(hash({ ...base, value: 5 })).not.toBe(hash(base));
    expect(hash({ ...base, notes: 'n' })).not.toBe(hash(base));
    expect(hash({ ...base, observer: { lat: 1, lon: 2 } })).not.toBe(hash(base));
  });
});

/** The text hashes were first made from, kept here as the reference: canonicalJson must never differ from it. */
function referenceCanonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(referenceCanonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, referenceCanonical(v)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('writes the same text as the reference for any JSON-like value, dates and undefined included', () => {
    const leaf = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('0', '10', '2', '01')), tie('node'))),
    })).node;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(JSON.stringify(referenceCanonical(v)) ?? 'null');
    }), { numRuns: 2000 });
  });

  it('gives the hash stored rows were given', () => {
    // Computed with the reference implementation before canonicalJson replaced it.
    expect(hash(base)).toBe(HASH_OF_BASE);
  });
});
