import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asFields, brokenObject, brokenText, junkBody, problemWith, sendRaw, listenOnLoopback, RUNS } from '../test/malformed.js';
import { DANDONG, observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// Every JSON write endpoint, RUNS generated bad bodies each (valid ones broken one to three ways, texts with a
// BOM, CRLF, cut short or in another encoding, and junk): no 5xx, and every 4xx names what is wrong.
const TIMEOUT = 600_000;

let t: TestApp;
let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let observationId: string;
beforeAll(async () => {
  t = await startTestApp({ loginLimit: 1_000_000, uploadLimit: 1_000_000 });
  loopback = await listenOnLoopback(t.app);
  observationId = (await t.request.post('/api/observations').set(t.as.observer).send(observationBody())).body.id;
});
afterAll(async () => {
  loopback?.close();
  await t.cleanup();
});

type Endpoint = { method: 'post' | 'patch'; label: string; path: () => string; as: 'observer' | 'analyst' | 'admin' | null; valid: () => Record<string, unknown> };
const ENDPOINTS: Endpoint[] = [
  { method: 'post', label: '/api/observations', path: () => '/api/observations', as: 'observer', valid: () => observationBody({ observer: { lat: 40.11, lon: 124.39, accuracyM: 12 }, notes: 'n' }) },
  { method: 'post', label: '/api/observations/batch', path: () => '/api/observations/batch', as: 'observer', valid: () => ({ items: [observationBody(), observationBody({ value: 3 })] }) },
  { method: 'post', label: '/api/review/decisions', path: () => '/api/review/decisions', as: 'analyst', valid: () => ({ ids: [observationId], action: 'reject', reason: 'duplicate' }) },
  { method: 'post', label: '/api/views', path: () => '/api/views', as: 'analyst', valid: () => ({ title: 'Dandong trucks', view: { crossing: DANDONG, metric: 'queue_vehicles' } }) },
  {
    method: 'post', label: '/api/admin/crossings', path: () => '/api/admin/crossings', as: 'admin',
    valid: () => ({ id: `fuzz-${crypto.randomUUID().slice(0, 8)}`, nameEn: 'Fuzz crossing', countries: ['US', 'MX'], kind: 'road', location: { lat: 32.5, lon: -117 }, sources: ['made up for a test'] }),
  },
  { method: 'patch', label: '/api/admin/crossings/{id}', path: () => `/api/admin/crossings/${DANDONG}`, as: 'admin', valid: () => ({ status: 'open', location: { lat: 40.11, lon: 124.39 } }) },
  { method: 'post', label: '/api/admin/users', path: () => '/api/admin/users', as: 'admin', valid: () => ({ email: `u${crypto.randomUUID().slice(0, 8)}@fuzz.invalid`, displayName: 'U', role: 'observer', password: 'a-long-password-1' }) },
  { method: 'patch', label: '/api/admin/users/{id}', path: () => `/api/admin/users/${t.as.ids.observer}`, as: 'admin', valid: () => ({ displayName: 'Renamed' }) },
  { method: 'post', label: '/api/admin/tokens', path: () => '/api/admin/tokens', as: 'admin', valid: () => ({ name: 'phone', userId: t.as.ids.observer }) },
  { method: 'post', label: '/api/auth/login', path: () => '/api/auth/login', as: null, valid: () => ({ email: 'nobody@fuzz.invalid', password: 'wrong-password' }) },
];

describe('malformed JSON bodies', () => {
  for (const ep of ENDPOINTS) {
    it(`${ep.method.toUpperCase()} ${ep.label}: ${RUNS} bad bodies, no 5xx, every 4xx names the field`, async () => {
      const body = fc.oneof(
        { weight: 4, arbitrary: brokenText(brokenObject(asFields(ep.valid()))) },
        { weight: 1, arbitrary: junkBody },
      );
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(body, async (bytes) => {
          const res = await sendRaw(loopback.baseUrl, ep.method, ep.path(), { 'Content-Type': 'application/json', ...(ep.as ? t.as[ep.as] : {}) }, bytes);
          const problem = problemWith(res);
          if (problem) problems.push(`${problem}\n  sent: ${bytes.toString('utf8').slice(0, 300)}`);
        }),
        { numRuns: RUNS },
      );
      // Every run is made and every problem listed (not only the first, shrunk), to fix them all at once.
      expect(problems.slice(0, 10), `${problems.length} of ${RUNS} answers wrong`).toEqual([]);
    }, TIMEOUT);
  }
});
