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

test('a refused submission stays on the phone with the reason; edited, it is sent', async ({ page, baseURL }) => {
  const observer = await createAccount(baseURL!, 'observer');
  await page.goto('/upload/');
  await signInOnPage(page, observer);
  await page.getByLabel('Crossing').selectOption(CROSSING);
  await page.getByLabel('What').selectOption('queue_vehicles');
  await page.getByLabel('Value').fill('25');
  // Two days ahead: the form lets it through, the server refuses it (a day in the future at most).
  const ahead = new Date(Date.now() + 2 * 86_400_000);
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel('Time seen').fill(local(ahead));
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(page.locator('#queue-summary')).toHaveText('1 refused by the server.');
  const refused = page.getByRole('region', { name: /Refused by the server/ });
  await expect(refused.locator('.queue-item.failed')).toContainText('more than a day in the future');
  await expect(page.locator('#save-confirmation')).toContainText('The server refused an observation');

  await refused.getByRole('button', { name: /^Edit:/ }).click();
  await expect(page.getByRole('heading', { name: 'Edit the saved observation' })).toBeFocused();
  await expect(page.getByLabel('Value')).toHaveValue('25');
  await page.getByLabel('Time seen').fill(local(new Date(Date.now() - 3_600_000)));
  await page.getByRole('button', { name: 'Save changes and send' }).click();
  await expect(page.locator('#queue-summary')).toHaveText('Everything has been sent.', { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Sent (1)' })).toBeVisible();
});

test('the form marks required fields and says at each what is missing', async ({ page, baseURL }) => {
  await page.goto('/upload/');
  await signInOnPage(page, await createAccount(baseURL!, 'observer'));
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(page.locator('#crossing-error')).toHaveText('Choose a crossing.');
  await expect(page.locator('#value-error')).toHaveText('Enter a value of 0 or more.');
  await expect(page.getByLabel('Crossing')).toBeFocused();
  await expect(page.getByLabel('Crossing')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Crossing').selectOption(CROSSING);
  await page.getByLabel('Value').fill('3.5');
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(page.locator('#value-error')).toHaveText('Vehicles are counted in whole numbers.');
  await expect(page.locator('#crossing-error')).toHaveText('');
  await expect(page.locator('#queue-summary')).toHaveText('Everything has been sent.');
});

test('a draft survives closing the app; a shared phone keeps each observer\'s unsent items for them', async ({ context, baseURL }) => {
  const first = await createAccount(baseURL!, 'observer');
  const page = await context.newPage();
  await page.goto('/upload/');
  await signInOnPage(page, first);
  await page.getByLabel('Crossing').selectOption(CROSSING);
  await page.getByLabel('Value').fill('12');
  await page.getByLabel('Notes').fill('half typed');
  await page.close();
  const again = await context.newPage();
  await again.goto('/upload/');
  await expect(again.getByLabel('Value')).toHaveValue('12');
  await expect(again.getByLabel('Notes')).toHaveValue('half typed');
  await expect(again.getByLabel('Crossing')).toHaveValue(CROSSING);

  // Saved offline, then the phone changes hands: the second observer does not send (or get credited for) it.
  await context.setOffline(true);
  await again.getByRole('button', { name: 'Save and send' }).click();
  await expect(again.locator('#queue-summary')).toHaveText('1 waiting to send.');
  let warning = '';
  again.once('dialog', (d) => {
    warning = d.message();
    void d.accept();
  });
  await again.getByRole('button', { name: 'Sign out' }).click();
  await expect(again.getByText('Offline and not signed in')).toBeVisible();
  expect(warning).toContain('1 of your observations have not been sent yet');
  await context.setOffline(false);
  await signInOnPage(again, await createAccount(baseURL!, 'observer'));
  await expect(again.getByRole('region', { name: /Waiting to send/ })).toContainText('sent when they sign in on this phone');
  await expect(again.locator('#queue-summary')).toHaveText('1 waiting to send.');
});
