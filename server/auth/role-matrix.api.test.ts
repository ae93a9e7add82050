import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

type Caller = 'public' | 'observer' | 'analyst' | 'admin';
const CALLERS: Caller[] = ['public', 'observer', 'analyst', 'admin'];
const ANY_ACCOUNT: Caller[] = ['observer', 'analyst', 'admin'];
const ANALYSTS: Caller[] = ['analyst', 'admin'];
const ADMINS: Caller[] = ['admin'];
const EVERYONE: Caller[] = CALLERS;
const someId = '00000000-0000-4000-8000-000000000000';

/** Every endpoint that writes or reveals unreviewed data, and who may call it. */
const MATRIX: [method: 'get' | 'post' | 'patch' | 'delete', path: string, allowed: Caller[]][] = [
  ['post', '/api/observations', ANY_ACCOUNT],
  ['post', '/api/observations/batch', ANY_ACCOUNT],
  ['post', '/api/submissions', ANY_ACCOUNT],
  ['post', '/api/imports', ANY_ACCOUNT],
  ['get', '/api/review/queue', ANALYSTS],
  ['post', '/api/review/decisions', ANALYSTS],
  ['get', `/api/observations/${someId}/audit`, ANALYSTS],
  ['get', '/api/admin/users', ADMINS],
  ['post', '/api/admin/users', ADMINS],
  ['patch', `/api/admin/users/${someId}`, ADMINS],
  ['get', '/api/admin/tokens', ADMINS],
  ['post', '/api/admin/tokens', ADMINS],
  ['delete', `/api/admin/tokens/${someId}`, ADMINS],
  ['post', '/api/admin/crossings', ADMINS],
  ['patch', '/api/admin/crossings/some-crossing', ADMINS],
  ['post', '/api/views', ANALYSTS],
  ['get', '/api/views', ANALYSTS],
  ['get', '/api/crossings', EVERYONE],
  ['get', '/api/observations', EVERYONE],
  ['get', '/api/rollups/monthly?metric=queue_vehicles', EVERYONE],
  ['get', '/api/trade/monthly', EVERYONE],
];

describe('role × endpoint matrix', () => {
  for (const [method, path, allowed] of MATRIX) {
    for (const caller of CALLERS) {
      const may = allowed.includes(caller);
      it(`${method.toUpperCase()} ${path} as ${caller}: ${may ? 'allowed' : 'refused'}`, async () => {
        let req = t.request[method](path);
        if (caller !== 'public') req = req.set(t.as[caller]);
        const res = path.includes('submissions') || path.includes('imports') ? await req.field('x', 'y') : await req.send({});
        if (may) expect([401, 403]).not.toContain(res.status);
        else expect(res.status).toBe(caller === 'public' ? 401 : 403);
      });
    }
  }
});
