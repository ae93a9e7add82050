import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { apiAs, createAccount, signInOnPage, type Account } from './accounts.js';
import { expectNoAxeViolations } from './axe.js';

const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';
const MARKUP = '<img src=x onerror="window.__xss=1">';

type Saved = { id: string; embedUrl: string; embedCode: string };

let analystAccount: Promise<Account> | null = null;
const analyst = (baseURL: string) => (analystAccount ??= createAccount(baseURL, 'analyst'));

/** Saves a view through the API as an analyst, as the map's "Embed this view" does. */
async function saveView(baseURL: string, title: string, description: string, view: Record<string, unknown>): Promise<Saved> {
  const api = await apiAs(baseURL, await analyst(baseURL));
  const res = await api.post('/api/views', { data: { title, description, view } });
  expect(res.status()).toBe(201);
  const saved = (await res.json()) as Saved;
  await api.dispose();
  return saved;
}

/** Signs the page's browser context in (its cookie), then opens the page as analysts find it: from the map's header. */
async function openSignedIn(page: Page, account: Account) {
  expect((await page.request.post('/api/auth/login', { data: { email: account.email, password: account.password } })).status()).toBe(200);
  await page.goto('/');
  await page.getByRole('link', { name: 'Saved embeds' }).click();
  await expect(page).toHaveURL(/\/embeds\/$/);
}

/** Drops the one console line a step provokes on purpose (a refused request); any other problem still fails the test. */
function forgetExpected(problems: string[], line: RegExp) {
  const i = problems.findIndex((p) => line.test(p));
  expect(i, `expected a console line matching ${line}`).toBeGreaterThanOrEqual(0);
  problems.splice(i, 1);
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  const at = `${size.width}x${size.height}`;
  test.describe(`at ${at}`, () => {
    test.use({ viewport: size });

    test('an analyst reads, edits, copies and unpublishes a saved embed', async ({ page, context, baseURL, pageProblems }) => {
      const saved = await saveView(baseURL!, `Trucks queuing at Dandong ${at}`, `For the weekly brief. ${MARKUP}`, {
        crossing: DANDONG, metric: 'queue_vehicles', from: '2025-01', to: '2025-06', month: '2025-03', border: 'CN-KP',
      });
      // Months long before any observation: nothing approved to draw from.
      const empty = await saveView(baseURL!, `Before the data ${at} ${MARKUP}`, '', { crossing: DANDONG, metric: 'queue_vehicles', from: '1990-01', to: '1990-12' });
      await openSignedIn(page, await analyst(baseURL!));
      await expect(page.locator(`tr[data-id="${empty.id}"] .data-as-of`)).toHaveText('No approved data yet');
      await expect(page.locator(`tr[data-id="${empty.id}"] .description`)).toHaveText('No description');
      await expect(page.locator(`tr[data-id="${empty.id}"] .embed-title`)).toHaveText(`Before the data ${at} ${MARKUP}`);

      const row = page.locator(`tr[data-id="${saved.id}"]`);
      await expect(row.getByRole('heading', { name: `Trucks queuing at Dandong ${at}` })).toBeVisible();
      // Words saved with markup are shown as text, and never run.
      await expect(row.locator('.description')).toHaveText(`For the weekly brief. ${MARKUP}`);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      await expect(row).toContainText('Saved by E2E analyst');
      // The demo set has approved queue counts at Dandong in these months.
      await expect(row.locator('.data-as-of')).toHaveText(/^Data as of \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
      await expect(row.locator('.shows')).toContainText('Sino-Korean Friendship Bridge');
      await expect(row.locator('.shows')).toContainText('Vehicles queuing');
      await expect(row.locator('.shows')).toContainText('Mar 2025, in Jan 2025 – Jun 2025');
      await expect(row.getByRole('link', { name: /^Open embed/ })).toHaveAttribute('href', saved.embedUrl);
      const mapHref = await row.getByRole('link', { name: /^Open in the map/ }).getAttribute('href');
      expect(Object.fromEntries(new URL(mapHref!, baseURL).searchParams)).toMatchObject({ crossing: DANDONG, metric: 'queue_vehicles', month: '2025-03', from: '2025-01', to: '2025-06', border: 'CN-KP' });
      const thumb = row.locator('.preview img');
      await thumb.scrollIntoViewIfNeeded();
      await expect(thumb).toHaveAttribute('alt', /^Preview of the embed “Trucks queuing at Dandong/);
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectNoAxeViolations(page, `list at ${at}`);
      await page.screenshot({ path: test.info().outputPath(`list-${at}.png`) });

      // Copy embed code: the clipboard holds it and the confirmation is in a live region.
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await row.getByRole('button', { name: /^Copy embed code/ }).click();
      await expect(row.locator('.copy-status')).toHaveText('Copied');
      await expect(row.locator('.copy-status')).toHaveAttribute('role', 'status');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(saved.embedCode);

      // Edit: the server's validation is shown by the field it names; then a real change.
      await row.getByRole('button', { name: /^Edit/ }).click();
      const title = row.getByLabel('Title', { exact: true });
      await expect(title).toBeFocused();
      await title.fill('   ');
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.locator(`#title-error-${saved.id}`)).toHaveText('Title is required');
      // The browser logs the refused PATCH as a failed load: that one 400 is the point of this step.
      forgetExpected(pageProblems, /status of 400 \(Bad Request\)/);
      await expect(title).toHaveAttribute('aria-invalid', 'true');
      await expect(title).toBeFocused();
      await expectNoAxeViolations(page, `edit form with an error at ${at}`);
      await page.screenshot({ path: test.info().outputPath(`edit-${at}.png`) });
      const newTitle = `Queues at the Friendship Bridge ${at}`;
      await title.fill(newTitle);
      await row.getByLabel('Description').fill('Updated for the monthly brief.');
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.locator('.edit-status')).toHaveText(`Saved. The embed now shows the title “${newTitle}” wherever it is published.`);
      await expect(row.getByRole('heading', { name: newTitle })).toBeVisible();
      await expect(row.locator('.description')).toHaveText('Updated for the monthly brief.');
      await expect(row.getByRole('button', { name: /^Edit/ })).toBeFocused();
      const embedPage = await page.request.get(`/embed/${saved.id}`);
      expect(embedPage.status()).toBe(200);
      expect(await embedPage.text()).toContain(newTitle);
      // The embed code carries the new title too.
      await row.getByRole('button', { name: /^Copy embed code/ }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(newTitle);

      // Unpublish asks first; keeping it changes nothing.
      await row.getByRole('button', { name: /^Unpublish/ }).click();
      const dialog = page.getByRole('dialog', { name: `Unpublish “${newTitle}”?` });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('stop showing in every article that uses it');
      await expect(dialog).toContainText('410 Gone');
      await expect(dialog.getByRole('button', { name: 'Keep it published' })).toBeFocused();
      await expectNoAxeViolations(page, `unpublish dialog at ${at}`);
      await page.screenshot({ path: test.info().outputPath(`dialog-${at}.png`) });
      await dialog.getByRole('button', { name: 'Keep it published' }).click();
      await expect(dialog).toBeHidden();
      expect((await page.request.get(`/embed/${saved.id}`)).status()).toBe(200);

      await row.getByRole('button', { name: /^Unpublish/ }).click();
      await dialog.getByRole('button', { name: 'Unpublish', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toHaveCount(0);
      await expect(page.locator('#page-status')).toHaveText(`“${newTitle}” was unpublished: its embed now answers “410 Gone”.`);
      await expect(page.getByRole('heading', { name: /^Published/ })).toBeFocused();
      await expect(page.locator(`.unpublished li[data-id="${saved.id}"]`)).toContainText(newTitle);
      expect((await page.request.get(`/embed/${saved.id}`)).status()).toBe(410);
      // A reload agrees: it is listed as unpublished only.
      await page.reload();
      await expect(page.getByRole('heading', { name: /^Published/ })).toBeVisible();
      await expect(page.locator(`tr[data-id="${saved.id}"]`)).toHaveCount(0);
      await expect(page.locator(`.unpublished li[data-id="${saved.id}"]`)).toBeVisible();
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: test.info().outputPath(`after-${at}.png`), fullPage: true });
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(pageProblems).toEqual([]);
    });

    test('the public gets the sign-in form and no list; an observer a plain message', async ({ page, baseURL, pageProblems }) => {
      const listRequests: string[] = [];
      page.on('request', (r) => new URL(r.url()).pathname === '/api/views' && listRequests.push(r.url()));
      // Served like /review/: the folder's address without its slash is sent to it.
      await page.goto('/embeds');
      expect(new URL(page.url()).pathname).toBe('/embeds/');
      await expect(page).toHaveTitle('Saved embeds — landport');
      await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
      await expect(page.locator('table')).toHaveCount(0);
      // The skip link is the first stop and is seen when focused, with the focus ring.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to the saved embeds' });
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      expect(await skip.evaluate((a) => getComputedStyle(a).outlineStyle)).toBe('solid');
      await expectNoAxeViolations(page, `signed out at ${at}`);
      await page.screenshot({ path: test.info().outputPath(`signed-out-${at}.png`) });
      expect(await noSidewaysScroll(page)).toBe(true);

      await signInOnPage(page, await createAccount(baseURL!, 'observer'));
      await expect(page.getByText('Only analysts and admins manage embeds.')).toBeVisible();
      await expect(page.locator('table')).toHaveCount(0);
      await expectNoAxeViolations(page, `observer at ${at}`);
      await page.screenshot({ path: test.info().outputPath(`observer-${at}.png`) });
      expect(listRequests).toEqual([]);
      // Another account, without leaving the page: signing out brings the form back.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
      await signInOnPage(page, await analyst(baseURL!));
      await expect(page.getByRole('heading', { name: /^Published \(\d+\)$/ })).toBeVisible();
      expect(pageProblems).toEqual([]);
    });
  });
}

test('loading, error with retry, and the empty state', async ({ page, baseURL }) => {
  await openSignedIn(page, await analyst(baseURL!));
  await expect(page.getByRole('heading', { name: /^Published/ })).toBeVisible();

  // The list is slow and then fails once: the page says it is loading, then what failed, and a retry works.
  let calls = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/views?include=unpublished', async (route) => {
    calls += 1;
    if (calls === 1) {
      await held;
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The database is unavailable; retry shortly' } }) });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [] }) });
  });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the saved embeds…' })).toBeVisible();
  release();
  const failure = page.getByRole('alert');
  await expect(failure).toContainText('Could not load the saved embeds: The database is unavailable; retry shortly');
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeFocused();
  await expectNoAxeViolations(page, 'load error');
  await failure.getByRole('button', { name: 'Retry' }).click();

  await expect(page.getByText('No embeds saved yet. Save one from the map with “Embed this view”.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'from the map' })).toHaveAttribute('href', '/');
  await expect(page.locator('table')).toBeHidden();
  await expectNoAxeViolations(page, 'empty state');
  await expect(page.getByRole('link', { name: '← Back to the map' })).toHaveAttribute('href', '/');
});
