import sharp from 'sharp';
import { expect, test } from './fixtures.js';
import { apiAs, createAccount, signInOnPage } from './accounts.js';

const CROSSING = 'cn-kp-tumen-namyang-rail';

async function photo(color: string) {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: color } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Model: 'Serial-42' } })
    .toBuffer();
}

async function fillObservation(page: import('@playwright/test').Page, value: number, notes: string, photoBuffer?: Buffer) {
  await page.getByLabel('Crossing').selectOption(CROSSING);
  await page.getByLabel('Value').fill(String(value));
  await page.getByLabel('Notes').fill(notes);
  if (photoBuffer) await page.getByLabel('Photos', { exact: true }).setInputFiles({ name: 'bridge.jpg', mimeType: 'image/jpeg', buffer: photoBuffer });
  await page.getByRole('button', { name: 'Save and send' }).click();
}

/** The upload app signed in as a new observer, its service worker ready (so it works offline). */
async function openUploadAsObserver(page: import('@playwright/test').Page, baseURL: string) {
  await page.goto('/upload/');
  await signInOnPage(page, await createAccount(baseURL, 'observer'));
  await expect(page.getByRole('form', { name: 'New observation' })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

async function storedWithNotes(baseURL: string, notes: string) {
  const analyst = await apiAs(baseURL, await createAccount(baseURL, 'analyst'));
  const res = await analyst.get('/api/review/queue?limit=200');
  const items = ((await res.json()) as { items: { id: string; notes: string | null; photos: unknown[] }[] }).items;
  await analyst.dispose();
  return items.filter((i) => i.notes === notes);
}

test('an observation saved offline with a photo arrives exactly once when the network returns', async ({ page, context, baseURL }) => {
  await openUploadAsObserver(page, baseURL!);

  await context.setOffline(true);
  const notes = `offline ${crypto.randomUUID()}`;
  await fillObservation(page, 17, notes, await photo('#335577'));
  await expect(page.locator('#queue-summary')).toHaveText('1 waiting to send.');

  // The app itself loads offline, from the service worker, and the queue is still there.
  await page.reload();
  await expect(page.getByRole('form', { name: 'New observation' })).toBeVisible();
  await expect(page.locator('#queue-summary')).toHaveText('1 waiting to send.');

  await context.setOffline(false);
  await expect(page.locator('#queue-summary')).toHaveText('Everything has been sent.', { timeout: 20_000 });
  const stored = await storedWithNotes(baseURL!, notes);
  expect(stored).toHaveLength(1);
  expect(stored[0].photos).toHaveLength(1);
});

test('items queued when the page was closed are sent when it opens again', async ({ context, baseURL }) => {
  const observer = await createAccount(baseURL!, 'observer');
  const page = await context.newPage();
  await page.goto('/upload/');
  await signInOnPage(page, observer);
  await expect(page.getByRole('form', { name: 'New observation' })).toBeVisible();
  await context.setOffline(true);
  const notes = `queued ${crypto.randomUUID()}`;
  await fillObservation(page, 5, notes);
  await fillObservation(page, 6, notes);
  await expect(page.locator('#queue-summary')).toHaveText('2 waiting to send.');
  await page.close();

  await context.setOffline(false);
  const reopened = await context.newPage();
  await reopened.goto('/upload/');
  await expect(reopened.locator('#queue-summary')).toHaveText('Everything has been sent.', { timeout: 20_000 });
  expect(await storedWithNotes(baseURL!, notes)).toHaveLength(2);
});

test('fifty observations with photos saved offline all arrive after reconnecting: 50 rows, 50 photos', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  await openUploadAsObserver(page, baseURL!);
  await context.setOffline(true);
  const notes = `fifty ${crypto.randomUUID()}`;
  for (let i = 0; i < 50; i++) {
    // A different picture each time (colour from i), so fifty distinct files must arrive.
    const picture = await sharp({ create: { width: 240, height: 180, channels: 3, background: { r: (i * 5) % 256, g: (i * 37) % 256, b: (i * 91) % 256 } } }).jpeg().toBuffer();
    await fillObservation(page, i, notes, picture);
    await expect(page.locator('#queue-summary')).toHaveText(`${i + 1} waiting to send.`);
  }
  await context.setOffline(false);
  await expect(page.locator('#queue-summary')).toHaveText('Everything has been sent.', { timeout: 120_000 });
  const stored = await storedWithNotes(baseURL!, notes);
  expect(stored).toHaveLength(50);
  expect(stored.every((s) => s.photos.length === 1)).toBe(true);
  expect(new Set(stored.map((s) => JSON.stringify(s.photos[0]))).size).toBe(50);
});

test('a refused submission stays in the queue with the reason', async ({ page, baseURL }) => {
  const observer = await createAccount(baseURL!, 'observer');
  await page.goto('/upload/');
  await signInOnPage(page, observer);
  await page.getByLabel('Crossing').selectOption(CROSSING);
  await page.getByLabel('What').selectOption('queue_vehicles');
  await page.getByLabel('Value').fill('2.5'); // a fractional vehicle count: the server refuses it
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(page.locator('#queue-summary')).toHaveText('1 refused by the server.');
  await expect(page.locator('.queue-item.failed')).toContainText('whole number');
});
