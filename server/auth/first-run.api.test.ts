import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Database } from '../db/database.js';
import { createTestDatabase } from '../test/test-database.js';
import { prepareFirstRun, setupUrl, type FirstRun } from './first-run.js';

// A server started with no admin and no ADMIN_EMAIL: the first visitor makes the admin with the printed token.
let db: Database;
let cleanup: () => Promise<void>;
let firstRun: FirstRun;
let request: ReturnType<typeof supertest>;
const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-first-run-'));
beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  firstRun = (await prepareFirstRun(db.prisma))!;
  request = supertest(createApp({ db, logger: pino({ level: 'silent' }), photoDir, firstRun }));
});
afterAll(async () => {
  await cleanup();
  fs.rmSync(photoDir, { recursive: true, force: true });
});

const admin = { email: 'Chief@Example.org', displayName: 'Chief', password: 'a long enough password' };
const cookieOf = (res: { headers: Record<string, unknown> }) => String((res.headers['set-cookie'] as unknown as string[])[0]).split(';')[0];

describe('first run in the browser', () => {
  it('prints a link to /setup/ with the token', () => {
    expect(firstRun.token).toMatch(/^setup_[\w-]{40,}$/);
    expect(setupUrl('http://localhost:3000/', firstRun)).toBe(`http://localhost:3000/setup/#token=${firstRun.token}`);
  });

  it('says setup is open, and names each wrong field', async () => {
    expect((await request.get('/api/setup')).body).toEqual({ needed: true });
    const weak = await request.post('/api/setup').send({ ...admin, token: firstRun.token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['password']);
    const wrong = await request.post('/api/setup').send({ ...admin, token: 'setup_not-it' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.details.fields[0].path).toBe('token');
    expect(await db.prisma.user.count()).toBe(0);
  });

  it('creates the admin once, signs them in, then answers 410', async () => {
    const [a, b] = await Promise.all([
      request.post('/api/setup').send({ ...admin, token: firstRun.token }),
      request.post('/api/setup').send({ ...admin, email: 'second@example.org', token: firstRun.token }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 410]);
    const made = a.status === 201 ? a : b;
    expect(made.body).toMatchObject({ role: 'admin' });
    const me = await request.get('/api/auth/me').set('Cookie', cookieOf(made));
    expect(me.body.user).toMatchObject({ role: 'admin', via: 'session' });
    expect(await db.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    const again = await request.post('/api/setup').send({ ...admin, email: 'third@example.org', token: firstRun.token });
    expect(again.status).toBe(410);
    expect((await request.get('/api/setup')).body).toEqual({ needed: false });
    // A new process on this database makes no token.
    expect(await prepareFirstRun(db.prisma)).toBeNull();
  });

  it('gives the admin a device token whose link signs a phone in until it is revoked', async () => {
    const signIn = await request.post('/api/auth/login').send({ email: admin.email, password: admin.password });
    const adminCookie = cookieOf(signIn);
    const write = (r: ReturnType<typeof request.post>) => r.set('Cookie', adminCookie).set('Origin', 'http://127.0.0.1');
    const observer = await write(request.post('/api/admin/users')).set('Host', '127.0.0.1').send({ email: 'obs@example.org', displayName: 'Min', role: 'observer' });
    expect(observer.status).toBe(201);
    const made = await write(request.post('/api/admin/tokens')).set('Host', '127.0.0.1').send({ name: "Min's phone", userId: observer.body.id });
    expect(made.status).toBe(201);
    expect(made.body.signInUrl).toBe(`http://127.0.0.1/upload/#device-token=${made.body.token}`);
    const phone = await request.post('/api/auth/device').send({ token: made.body.token });
    expect(phone.status).toBe(200);
    const phoneCookie = cookieOf(phone);
    expect((await request.get('/api/auth/me').set('Cookie', phoneCookie)).body.user).toMatchObject({ displayName: 'Min', role: 'observer' });
    const listed = await request.get('/api/admin/tokens').set('Cookie', adminCookie);
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    expect((await write(request.delete(`/api/admin/tokens/${made.body.id}`)).set('Host', '127.0.0.1')).status).toBe(204);
    expect((await request.get('/api/auth/me').set('Cookie', phoneCookie)).body.user).toBeNull();
    expect((await request.post('/api/auth/device').send({ token: made.body.token })).status).toBe(401);
    // An admin's token stays a script's token: it signs no phone in.
    const adminId = (await request.get('/api/auth/me').set('Cookie', adminCookie)).body.user.id;
    const adminToken = await write(request.post('/api/admin/tokens')).set('Host', '127.0.0.1').send({ name: 'backup script', userId: adminId });
    const refused = await request.post('/api/auth/device').send({ token: adminToken.body.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/admin account/);
  });

  it('keeps the last admin an admin', async () => {
    const signIn = await request.post('/api/auth/login').send({ email: admin.email, password: admin.password });
    const me = (await request.get('/api/auth/me').set('Cookie', cookieOf(signIn))).body.user;
    const demote = await request.patch(`/api/admin/users/${me.id}`).set('Cookie', cookieOf(signIn)).send({ role: 'analyst' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last active admin/);
  });
});
