import { describe, expect, it } from 'vitest';
import { observationInput } from '../contracts/observations.js';
import { observationContentHash } from './content-hash.js';

const base = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  crossingId: 'x', observedAt: '2025-11-03T08:30:00Z', metric: 'queue_vehicles', value: 4,
  vehicleClass: 'truck', method: 'field', source: 's',
};
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
