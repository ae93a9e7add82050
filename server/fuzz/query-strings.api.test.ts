import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../openapi/api-operations.js';
import { problemWith, sendRaw, listenOnLoopback, RUNS } from '../test/malformed.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// Every operation that takes a query string, RUNS generated bad query strings each: its own parameters and
// unknown ones, with poisoned values, repeated keys and broken percent-encoding. No 5xx; every 4xx names the field.
const TIMEOUT = 600_000;

let t: TestApp;
let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let viewId: string;
beforeAll(async () => {
  t = await startTestApp();
  loopback = await listenOnLoopback(t.app);
  const id = (await t.request.post('/api/observations').set(t.as.observer).send(observationBody())).body.id;
  await t.request.post('/api/review/decisions').set(t.as.analyst).send({ ids: [id], action: 'approve' });
  viewId = (await t.request.post('/api/views').set(t.as.analyst).send({ title: 'Fuzz', view: { crossing: DANDONG, metric: 'queue_vehicles' } })).body.id;
});
afterAll(async () => {
  loopback?.close();
  await t.cleanup();
});

const POISON = [
  '', 'NaN', 'Infinity', '-0', '1e400', '-1', '0', '99999999999999999999', '2025-13', '2025-00', '0000-01', '2025-11-31T25:61:00Z',
  '124.39,40.11', '40.11,124.39,1', '180,90,-180,-90', '1,2,3', 'a,b,c,d', '../../etc/passwd', '%00', '%', '%E0%A4%A', '%FF%FE',
  '<script>alert(1)</script>', '=1+1', 'true', 'null', '[]', '{}', 'x'.repeat(5000), '新義州', '\u202e', 'CN-KP', 'unknown', 'KP-KP',
  '2025-11-03/2025-11-01', '../2025-11-01', '2025-11-03T00:00:00Z/..', 'json', 'html', 'xml', 'approved', 'rejected',
];
const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POISON) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** The query parameters an operation's contract names (zod object shape), to aim at. */
function knownKeys(query: unknown): string[] {
  const shape = (query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

const OPERATIONS = API_OPERATIONS.filter((op) => op.method === 'get' && op.query);
const pathOf = (p: string) =>
  p.replace('{id}', viewId).replace('{collectionId}', 'observations').replace('{featureId}', 'x');

describe('malformed query strings', () => {
  it('aims at every operation with a query', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(15);
  });

  for (const op of OPERATIONS) {
    it(`GET ${op.path}: ${RUNS} bad query strings, no 5xx, every 4xx names the field`, async () => {
      const keys = [...knownKeys(op.query), 'limit', 'offset', 'cursor', 'bbox', 'datetime', 'f'];
      const pair = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map(encodeURIComponent) }), value);
      const query = fc.array(pair, { minLength: 1, maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(query, fc.constantFrom<'public' | 'analyst'>('public', 'analyst'), async (q, who) => {
          const res = await sendRaw(loopback.baseUrl, 'get', `${pathOf(op.path)}?${q}`, who === 'analyst' ? t.as.analyst : {});
          const problem = problemWith(res);
          if (problem) problems.push(`${problem}\n  query: ${q.slice(0, 300)}`);
        }),
        { numRuns: RUNS },
      );
      expect(problems.slice(0, 10), `${problems.length} of ${RUNS} answers wrong`).toEqual([]);
    }, TIMEOUT);
  }
});
