import { request } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.js';
import { apiAs, createAccount, signInOnPage } from './accounts.js';
import { expect, test } from './fixtures.js';
import { waitForMapIdle } from './map-helpers.js';

// Script and markup typed into every text field a user can fill — a crossing's names, kind note and sources
// (admin), an observation's source, measure and notes (observer), a saved view's title (analyst) — are shown as
// text wherever they appear: the map's panel and table, the review page, the upload form and the embed page.
// Each payload sets a flag if it ever runs; the CSP watch in fixtures.ts fails the test if one is even tried.
const payload = (n: number) => [`<img src=x onerror="window.__xss=${n}">`, `<script>window.__xss=${n}</script>`, `"><svg onload="window.__xss=${n}">`][n % 3];
const CROSSING = `xss-test-${crypto.randomUUID().slice(0, 8)}`;
const TEXT = {
  nameEn: `Bridge ${payload(1)}`, nameZh: `桥 ${payload(2)}`, nameKo: `다리 ${payload(3)}`, kindNote: `road ${payload(4)}`,
  source: `source ${payload(5)}`, measure: `Trucks ${payload(6)}`, notes: `notes ${payload(7)}`, viewTitle: `View ${payload(8)}`, crossingSource: `made up for a test ${payload(9)}`,
};
const MONTH = '2025-12';

async function flag(page: import('@playwright/test').Page | import('@playwright/test').Frame) {
  return page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
}

test('markup in every text field stays text on the map, the review and upload pages and the embed', async ({ page, baseURL }) => {
  const admin = await request.newContext({ baseURL });
  expect((await admin.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  expect((await admin.post('/api/admin/crossings', {
    data: { id: CROSSING, nameEn: TEXT.nameEn, nameZh: TEXT.nameZh, nameKo: TEXT.nameKo, countries: ['CN', 'KP'], kind: 'road', kindNote: TEXT.kindNote, location: { lat: 41.2, lon: 126.9 }, sources: [TEXT.crossingSource] },
  })).status()).toBe(201);
  await admin.dispose();

  const observer = await apiAs(baseURL!, await createAccount(baseURL!, 'observer'));
  const submitted = await observer.post('/api/observations', {
    data: { id: crypto.randomUUID(), crossingId: CROSSING, observedAt: `${MONTH}-10T08:00:00Z`, metric: 'queue_vehicles', value: 12, vehicleClass: 'truck', method: 'field', source: TEXT.source, measure: TEXT.measure, notes: TEXT.notes },
  });
  expect(submitted.status()).toBe(201);
  const { id } = (await submitted.json()) as { id: string };
  await observer.dispose();

  // The review page, as the analyst sees the submission.
  const analystAccount = await createAccount(baseURL!, 'analyst');
  await page.goto('/review/');
  await signInOnPage(page, analystAccount);
  const card = page.locator('article.review-card').filter({ hasText: TEXT.nameEn });
  await expect(card).toBeVisible();
  await expect(card).toContainText(TEXT.nameEn);
  await expect(card.locator('.notes-text')).toHaveText(TEXT.notes);
  await expect(card.locator('.source-text')).toHaveText(TEXT.source);
  await expect(card.locator('img[src="x"], script, svg[onload]')).toHaveCount(0);
  expect(await flag(page)).toBeUndefined();

  const analyst = await apiAs(baseURL!, analystAccount);
  expect((await analyst.post('/api/review/decisions', { data: { ids: [id], action: 'approve' } })).status()).toBe(200);
  const view = (await (await analyst.post('/api/views', { data: { title: TEXT.viewTitle, view: { crossing: CROSSING, metric: 'queue_vehicles', month: MONTH } } })).json()) as { id: string };
  await analyst.dispose();

  // The public map: the crossing's panel and the table.
  // The table lists crossing-months with data: the metric of the observation above.
  await page.goto(`/?month=${MONTH}&crossing=${CROSSING}&metric=queue_vehicles&map=8/41.2/126.9`);
  await waitForMapIdle(page);
  const panel = page.getByRole('complementary');
  for (const text of [TEXT.nameEn, TEXT.nameZh, TEXT.nameKo, TEXT.source]) await expect(panel).toContainText(text);
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.locator('#data-table').getByRole('row').filter({ hasText: TEXT.nameEn })).toHaveCount(1);
  await expect(page.locator('img[src="x"], main script, svg[onload]')).toHaveCount(0);
  expect(await flag(page)).toBeUndefined();

  // The upload form lists the crossing by name (still signed in as the analyst, who may submit too).
  await page.goto('/upload/');
  await expect(page.getByLabel('Crossing').locator(`option[value="${CROSSING}"]`)).toContainText(TEXT.nameEn);
  expect(await flag(page)).toBeUndefined();

  // The embed page: title, summary and source line.
  await page.goto(`/embed/${view.id}`);
  await expect(page.locator('h1, .embed-title').first()).toHaveText(TEXT.viewTitle);
  for (const text of [TEXT.nameEn, TEXT.source]) await expect(page.locator('body')).toContainText(text);
  // A field observation is not called synthetic because made-up demo crossings share the map.
  await expect(page.locator('body')).toContainText('Dec 2025: 12');
  await expect(page.locator('body')).not.toContainText('12 (synthetic');
  await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
  expect(await page.title()).toContain(TEXT.viewTitle);
  expect(await flag(page)).toBeUndefined();
});
