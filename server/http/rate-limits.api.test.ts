import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// Uploads per account and minute; wrong API tokens per address. (Sign-in: auth.api.test.ts; shared by two
// servers: scaling.api.test.ts.)
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ uploadLimit: 5, tokenFailureLimit: 3 });
});
afterAll(() => t.cleanup());

describe('rate limits', () => {
  it('lets an account write a few times a minute, then answers 429 with Retry-After; others and reads are not held up', async () => {
    for (let i = 0; i < 5; i++) await t.request.post('/api/observations').set(t.as.observer).send(observationBody()).expect(201);
    const limited = await t.request.post('/api/observations').set(t.as.observer).send(observationBody()).expect(429);
    expect(limited.body.error.code).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.request.post('/api/submissions').set(t.as.observer).field('observation', JSON.stringify(observationBody())).expect(429);
    await t.request.get('/api/observations').set(t.as.observer).expect(200);
    await t.request.post('/api/observations').set(t.as.analyst).send(observationBody()).expect(201);
  });

  it('refuses an address that keeps sending wrong API tokens, even with a right one', async () => {
    for (let i = 0; i < 3; i++) await t.request.get('/api/auth/me').set('Authorization', `Bearer lp_wrong-${i}`).expect(401);
    const refused = await t.request.get('/api/auth/me').set('Authorization', 'Bearer lp_wrong-again').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await t.request.get('/api/auth/me').set(t.as.admin).expect(429);
    // Without a token (the public, a browser session) nothing changes.
    await t.request.get('/api/crossings').expect(200);
  });
});
