import sharp from 'sharp';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';
import { apiAs, createAccount, signInOnPage } from './accounts.js';
import { symbolState, waitForMapIdle, type LandportWindow } from './map-helpers.js';

const APPROVE_AT = 'cn-kp-tumen-namyang-rail';
const REJECT_AT = 'cn-kp-dandong-sinuiju-new-yalu-bridge';
const MONTH = '2025-12';
const XSS_NOTES = '<img src=x onerror="window.__xss=1">';
const XSS_SOURCE = '<script>window.__xss=2</script>';

async function submitAsObserver(baseURL: string, crossingId: string, notes: string, source = 'e2e observer') {
  const observer = await apiAs(baseURL, await createAccount(baseURL, 'observer'));
  const res = await observer.post('/api/observations', {
    data: { id: crypto.randomUUID(), crossingId, observedAt: `${MONTH}-10T08:00:00Z`, metric: 'queue_vehicles', value: 31, vehicleClass: 'truck', method: 'field', source, notes },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await observer.dispose();
  return id;
}

test('approving shows an observation on the public map; rejecting keeps it off; markup stays text', async ({ page, browser, baseURL, pageProblems }) => {
  await submitAsObserver(baseURL!, APPROVE_AT, XSS_NOTES, XSS_SOURCE);
  await submitAsObserver(baseURL!, REJECT_AT, 'blurry, wrong bridge');

  await page.goto('/review/');
  await signInOnPage(page, await createAccount(baseURL!, 'analyst'));
  const approveCard = page.locator('article.review-card').filter({ hasText: 'Tumen railway port' });
  const rejectCard = page.locator('article.review-card').filter({ hasText: 'New Yalu River Bridge' });
  await expect(approveCard).toBeVisible();
  // Submitted markup is shown as text, and never runs.
  await expect(approveCard.locator('.notes-text')).toHaveText(XSS_NOTES);
  await expect(approveCard.locator('.source-text')).toHaveText(XSS_SOURCE);
  await expect(approveCard.locator('img[src="x"]')).toHaveCount(0);

  await approveCard.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Approve selected' }).click();
  await expect(page.locator('#review-message')).toHaveText('1 approved.');
  await rejectCard.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Reject selected' }).click();
  await expect(page.locator('#review-message')).toHaveText('Give a reason to reject.');
  await page.getByLabel('Reason to reject the selected').fill('photo shows another bridge');
  await page.getByRole('button', { name: 'Reject selected' }).click();
  await expect(page.locator('#review-message')).toHaveText('1 rejected.');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // The public (a fresh browser context, signed out) sees the approved one on the map, not the rejected one.
  const publicContext = await browser.newContext();
  const map = await publicContext.newPage();
  // The observations are queue counts; the map now opens on vehicles crossing.
  await map.goto(`/?month=${MONTH}&crossing=${APPROVE_AT}&metric=queue_vehicles&map=7/42.5/129.5`);
  await waitForMapIdle(map);
  expect(await symbolState(map, APPROVE_AT)).toMatchObject({ hasData: true });
  expect(await symbolState(map, REJECT_AT)).toMatchObject({ hasData: false });
  const latest = map.getByRole('complementary').locator('.latest');
  await expect(latest).toContainText(XSS_SOURCE);
  await expect(latest.locator('img[src="x"]')).toHaveCount(0);
  expect(await map.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await map.evaluate(() => Boolean((window as unknown as LandportWindow).landport))).toBe(true);
  await publicContext.close();
  expect(pageProblems).toEqual([]);
});

test('the review page asks an observer to use an analyst account', async ({ page, baseURL }) => {
  await page.goto('/review/');
  await signInOnPage(page, await createAccount(baseURL!, 'observer'));
  await expect(page.getByText(/reviewing needs an analyst account/)).toBeVisible();
});

test('an analyst checks a CSV, sees the bad row by line, and imports the valid rows', async ({ page, baseURL, pageProblems }) => {
  await page.goto('/review/');
  await signInOnPage(page, await createAccount(baseURL!, 'analyst'));
  await page.getByText('Bulk upload (CSV or GeoJSON)').click();
  const tag = crypto.randomUUID().slice(0, 8);
  const csv = [
    'bridge,when,trucks,note',
    `cn-kp-quanhe-wonjong,2025-02-01T08:00:00Z,12,${tag}`,
    `cn-kp-quanhe-wonjong,2025-02-02T08:00:00Z,many,${tag}`,
    `cn-kp-quanhe-wonjong,2025-02-03T08:00:00Z,14,${tag}`,
    `Tumen River Bridge,2025-02-04 16:00 +08:00,9,${tag}`,
    `Tumen River Brdge,2025-02-05,10,${tag}`,
  ].join('\n');
  await page.getByLabel('File').setInputFiles({ name: 'partner.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('#map-crossingId').selectOption('bridge');
  await page.locator('#map-observedAt').selectOption('when');
  await page.locator('#map-value').selectOption('trucks');
  await page.locator('#map-notes').selectOption('note');
  await page.locator('#default-metric').fill('queue_vehicles');
  await page.locator('#default-vehicleClass').fill('truck');
  await page.locator('#default-method').fill('feed');
  await page.locator('#default-source').fill('partner feed');

  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.locator('#import-status')).toContainText('Checked 5 rows: 3 valid, 2 with errors');
  await expect(page.locator('.import-errors tbody tr')).toHaveText([/^3\s*Value\s*"many" is not a number/, /^6\s*Crossing.*no crossing is called "Tumen River Brdge"/]);
  // The preview shows rows as they will be stored: a crossing name found, a local time in UTC.
  await expect(page.locator('.import-preview tbody tr').nth(2)).toContainText('cn-kp-quanhe-wonjong2025-02-04 08:00');
  await expectNoAxeViolations(page, 'import panel after a dry run');
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.locator('.import-panel').screenshot({ path: test.info().outputPath(`import-panel-${width}.png`) });
    // Wide tables scroll inside their own box; the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${width}`).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // The misspelt name is matched by hand and checked again: every row is valid now.
  await page.getByLabel('Crossing meant by “Tumen River Brdge”').selectOption({ label: 'Tumen River Bridge (Quanhe–Wonjong, Hunchun–Rason)' });
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.locator('#import-status')).toContainText('Checked 5 rows: 4 valid, 1 with errors');
  await page.getByRole('button', { name: 'Import all or nothing' }).click();
  await expect(page.locator('#import-status')).toContainText('Nothing imported');
  await page.getByRole('button', { name: 'Import valid rows only' }).click();
  await expect(page.locator('#import-status')).toContainText('Imported: 4 added');
  // The queue shows them without a reload.
  await expect(page.locator('#review-message')).toHaveText('Imported rows are in the queue.');
  await page.getByLabel('Method', { exact: true }).selectOption('feed');
  await expect(page.locator('article.review-card').filter({ hasText: tag })).toHaveCount(4);
  expect(pageProblems).toEqual([]);
});

test('a reviewer finds the true duplicate (the same photo), rejects it in one click, and pages through a long queue', async ({ page, baseURL, pageProblems }) => {
  const observer = await apiAs(baseURL!, await createAccount(baseURL!, 'observer'));
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#7a5230' } }).jpeg().toBuffer();
  const crossingId = 'cn-kp-jian-manpo-rail';
  const send = async (value: number, observedAt: string) => {
    const res = await observer.post('/api/submissions', {
      multipart: {
        observation: JSON.stringify({ id: crypto.randomUUID(), crossingId, observedAt, metric: 'queue_vehicles', value, vehicleClass: 'truck', method: 'field', source: 'e2e duplicate check' }),
        photos: { name: 'p.jpg', mimeType: 'image/jpeg', buffer: photo },
      },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { observation: { id: string } }).observation.id;
  };
  const original = await send(37, '2024-05-01T08:00:00Z');
  const again = await send(61, '2024-05-01T09:10:00Z');
  // Sixty more at one crossing, so the queue pages.
  const many = Array.from({ length: 60 }, (_, i) => ({ id: crypto.randomUUID(), crossingId: 'cn-kp-tumen-namyang-road', observedAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(), metric: 'wait_minutes', value: i, vehicleClass: 'truck', method: 'sensor', source: 'e2e paging' }));
  expect((await observer.post('/api/observations/batch', { data: { items: many } })).status()).toBe(200);
  await observer.dispose();

  await page.goto('/review/');
  await signInOnPage(page, await createAccount(baseURL!, 'analyst'));
  await page.getByLabel('Crossing', { exact: true }).selectOption({ value: crossingId });
  await expect(page.locator('article.review-card')).toHaveCount(2);
  await expect(page.locator(`article[data-id="${again}"]`)).toContainText('Likely duplicate (the same photo)');
  await page.locator(`article[data-id="${again}"] .card-open`).click();
  const dupes = page.getByRole('region', { name: 'Likely duplicates' });
  await expect(dupes).toContainText('the same photo: 37 at 2024-05-01 08:00 UTC');
  await expectNoAxeViolations(page, 'review, a likely duplicate open');
  await dupes.getByRole('button', { name: 'Reject as duplicate' }).click();
  await expect(page.locator('#review-message')).toHaveText('1 rejected.');
  await expect(page.locator('article.review-card')).toHaveCount(1);
  const history = await (await page.request.get(`/api/observations/${again}/audit`)).json();
  expect(history.items.at(-1).reason).toBe(`Duplicate of ${original} (the same photo)`);

  await page.getByLabel('Crossing', { exact: true }).selectOption({ value: 'cn-kp-tumen-namyang-road' });
  await expect(page.getByRole('heading', { name: '60 pending (50 shown)' })).toBeVisible();
  await page.getByRole('button', { name: 'Show 10 more (10 not shown)' }).click();
  await expect(page.locator('article.review-card')).toHaveCount(60);
  await expect(page.getByRole('heading', { name: '60 pending' })).toBeVisible();
  // j/k walk the queue.
  await page.locator('body').press('j');
  await expect(page.locator('#detail-heading')).toContainText('Wait');
  await page.locator('body').press('j');
  await expect(page.locator('article.review-card.current')).toHaveAttribute('data-id', many[1].id);
  await page.locator('body').press('k');
  await expect(page.locator('article.review-card.current')).toHaveAttribute('data-id', many[0].id);
  expect(pageProblems).toEqual([]);
});
