import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './password.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
const PASSWORD = 'correct horse battery';
beforeAll(async () => {
  t = await startTestApp();
  await t.db.prisma.user.create({
    data: { id: crypto.randomUUID(), email: 'ana@example.org', displayName: 'Ana', role: 'analyst', passwordHash: await hashPassword(PASSWORD) },
  });
});
afterAll(() => t.cleanup());

const cookieOf = (res: { headers: Record<string, unknown> }) => String((res.headers['set-cookie'] as string[])[0]).split(';')[0];

describe('sign-in', () => {
  it('signs in with email (any case) and password, and the cookie identifies the user', async () => {
    const res = await t.request.post('/api/auth/login').send({ email: 'ANA@example.org', password: PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = String((res.headers['set-cookie'] as unknown as string[])[0]);
    expect(setCookie).toMatch(/landport_session=s_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const me = await t.request.get('/api/auth/me').set('Cookie', cookieOf(res));
    expect(me.body.user).toMatchObject({ email: 'ana@example.org', role: 'analyst', via: 'session' });
    // Only a hash of the cookie is stored.
    const stored = await t.db.prisma.session.findMany();
    expect(stored.some((s) => cookieOf(res).includes(s.id))).toBe(false);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await t.request.post('/api/auth/login').send({ email: 'ana@example.org', password: 'not it at all' });
    const unknown = await t.request.post('/api/auth/login').send({ email: 'nobody@example.org', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const login = await t.request.post('/api/auth/login').send({ email: 'ana@example.org', password: PASSWORD });
    const res = await t.request
      .post('/api/review/decisions')
      .set('Cookie', cookieOf(login))
      .set('Origin', 'https://evil.example')
      .send({ ids: [crypto.randomUUID()], action: 'approve' });
    expect(res.status).toBe(403);
  });

  it('signs out: the cookie stops working', async () => {
    const login = await t.request.post('/api/auth/login').send({ email: 'ana@example.org', password: PASSWORD });
    await t.request.post('/api/auth/logout').set('Cookie', cookieOf(login)).expect(204);
    const me = await t.request.get('/api/auth/me').set('Cookie', cookieOf(login));
    expect(me.body.user).toBeNull();
  });

  it('limits sign-in attempts per address and email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await t.request.post('/api/auth/login').send({ email: 'limit@example.org', password: 'wrong password' })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('users and API tokens (admin)', () => {
  it('creates an account and a token shown once, stored hashed; revoking it locks the device out', async () => {
    const user = await t.request.post('/api/admin/users').set(t.as.admin).send({ email: 'phone@example.org', displayName: 'Field phone 1', role: 'observer' });
    expect(user.status).toBe(201);
    const dup = await t.request.post('/api/admin/users').set(t.as.admin).send({ email: 'Phone@example.org', displayName: 'again', role: 'observer' });
    expect(dup.status).toBe(409);
    const token = await t.request.post('/api/admin/tokens').set(t.as.admin).send({ name: 'phone 1', userId: user.body.id });
    expect(token.status).toBe(201);
    expect(token.body.token).toMatch(/^lp_/);
    const rows = await t.db.prisma.apiToken.findMany({ where: { id: token.body.id } });
    expect(rows[0].tokenHash).not.toContain(token.body.token);
    const list = await t.request.get('/api/admin/tokens').set(t.as.admin);
    expect(JSON.stringify(list.body)).not.toContain(token.body.token);

    const me = await t.request.get('/api/auth/me').set('Authorization', `Bearer ${token.body.token}`);
    expect(me.body.user).toMatchObject({ email: 'phone@example.org', role: 'observer', via: 'token' });
    await t.request.delete(`/api/admin/tokens/${token.body.id}`).set(t.as.admin).expect(204);
    const after = await t.request.get('/api/auth/me').set('Authorization', `Bearer ${token.body.token}`);
    expect(after.status).toBe(401);
  });

  it('names bad fields when creating a user', async () => {
    const res = await t.request.post('/api/admin/users').set(t.as.admin).send({ email: 'not-an-email', displayName: '', role: 'king' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['displayName', 'email', 'role']);
  });
});
