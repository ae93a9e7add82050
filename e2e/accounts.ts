import { request, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.js';

export type Account = { email: string; password: string; role: 'observer' | 'analyst' };

/** A new account of `role`, made through the admin API (the admin is made by the server at start). */
export async function createAccount(baseURL: string, role: Account['role']): Promise<Account> {
  const admin = await request.newContext({ baseURL });
  await admin.post('/api/auth/login', { data: E2E_ADMIN }).then((r) => assertOk(r.status(), 'admin sign-in'));
  const account = { email: `${role}-${crypto.randomUUID().slice(0, 8)}@e2e.invalid`, password: 'a long e2e password', role };
  const res = await admin.post('/api/admin/users', { data: { email: account.email, displayName: `E2E ${role}`, role, password: account.password } });
  assertOk(res.status(), 'create user');
  await admin.dispose();
  return account;
}

/** An API client signed in as `account` (cookie session). */
export async function apiAs(baseURL: string, account: Account): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  assertOk((await ctx.post('/api/auth/login', { data: { email: account.email, password: account.password } })).status(), 'sign-in');
  return ctx;
}

/** Signs in through the page's own form. */
export async function signInOnPage(page: Page, account: Account) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function assertOk(status: number, what: string) {
  if (status >= 300) throw new Error(`${what} failed with ${status}`);
}
