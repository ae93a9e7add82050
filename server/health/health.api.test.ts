import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrationFiles } from '../db/migrate.js';
import { APP_VERSION } from '../version.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { testDbKind } from '../test/test-database.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.handle.destroy());

describe('GET /health and failures', () => {
  it('reports the database reachable, every migration applied, and the version', async () => {
    const res = await t.request.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      version: APP_VERSION,
      database: { kind: testDbKind === 'postgres' ? 'postgresql' : 'embedded', reachable: true, readReplica: 'none' },
      migrations: { applied: readMigrationFiles().length, pending: [] },
      memory: { rssMb: expect.any(Number), heapUsedMb: expect.any(Number), heapTotalMb: expect.any(Number), externalMb: expect.any(Number) },
    });
    expect(res.body.memory.rssMb).toBeGreaterThan(res.body.memory.heapUsedMb);
  });

  it('answers an unknown API path with 404 in the error shape', async () => {
    const res = await t.request.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('once the database is gone: 503 from /health, a 5xx without internals from the API, logged with its request id', async () => {
    await t.db.close();
    const health = await t.request.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.database.reachable).toBe(false);

    const res = await t.request.get('/api/crossings').set('X-Request-Id', 'test-req-42');
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.headers['x-request-id']).toBe('test-req-42');
    expect(res.body.error.details).toEqual({ requestId: 'test-req-42' });
    expect(res.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
    const logged = t.logLines.map((l) => JSON.parse(l)).filter((l) => l.requestId === 'test-req-42' && l.level >= 40);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0].err.stack).toBeTruthy();
  });
});
