import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { spawnServer, type RunningServer } from '../server/test/spawn-server.js';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';

// The newcomer's whole path, on a server of its own started as `npm start` starts one with no ADMIN_EMAIL:
// first-run link → admin account → an observer and a device token → the phone signs in from the QR code → an
// observation with a photo saved offline, sent when back online → a reviewer rejects it with a reason → the phone
// shows the reason. Each step's time is printed for the closing note.

// jsqr is CommonJS whose types declare an ES default export: under NodeNext the import is the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

let server: RunningServer;
let dataDir: string;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-first-run-'));
  server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Baselines in e2e/first-run-journey.spec.ts-snapshots; dates, tokens and the WebGL map are masked. */
const SHOT = { maxDiffPixelRatio: 0.02, animations: 'disabled' as const };
const ADMIN = { email: 'chief@newsroom.example', name: 'Chief Editor', password: 'first admin password' };
const REASON = 'The photo shows the rail bridge, not the road bridge';

async function firstRunUrl(): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const line = server.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('First run: create the admin account at '));
    if (line) return String(line.msg).replace('First run: create the admin account at ', '');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server printed no first-run line');
}

/** Reads the QR code the admin page drew, from its canvas pixels, as a phone's camera would. */
async function decodeQr(canvas: import('@playwright/test').Locator): Promise<string> {
  const png = await canvas.screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data), info.width, info.height);
  if (!code) throw new Error('no QR code found in the canvas');
  return code.data;
}

test('from the first-run link to a rejected observation whose reason the observer reads, all in the browser', async ({ browser }) => {
  test.setTimeout(180_000);
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, run: () => Promise<T>) => {
    const started = Date.now();
    const out = await run();
    timings[name] = Date.now() - started;
    return out;
  };
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await desk.newPage();

  const setupUrl = await firstRunUrl();
  expect(setupUrl).toMatch(new RegExp(`^${server.baseUrl}/setup/#token=setup_`));
  // The setup form on a phone too (the token is not used by looking).
  const phoneSetup = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const setupOnPhone = await phoneSetup.newPage();
  await setupOnPhone.goto(setupUrl);
  await expect(setupOnPhone.getByRole('form', { name: 'Create the admin account' })).toBeVisible();
  await expect(setupOnPhone).toHaveScreenshot('setup-390.png', SHOT);
  await phoneSetup.close();
  await step('setup', async () => {
    await admin.goto(setupUrl);
    await expect(admin.getByRole('form', { name: 'Create the admin account' })).toBeVisible();
    expect(new URL(admin.url()).hash).toBe(''); // the token left the address bar
    await expectNoAxeViolations(admin, 'setup form');
    await expect(admin).toHaveScreenshot('setup-1280.png', SHOT);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Your name').fill(ADMIN.name);
    await admin.getByLabel(/^Password( \*)?$/).fill(ADMIN.password);
    await admin.getByLabel('Password again').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Create the admin account' }).click();
    await expect(admin.getByRole('heading', { name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  });
  // The link works once.
  expect((await (await fetch(`${server.baseUrl}/api/setup`)).json()).needed).toBe(false);

  const signInUrl = await step('admin: observer and device token', async () => {
    await admin.getByRole('link', { name: 'Open the admin area' }).click();
    await expect(admin.getByRole('heading', { name: /^Accounts \(1\)/ })).toBeVisible();
    await expectNoAxeViolations(admin, 'admin area');
    const newAccount = admin.getByRole('form', { name: 'New account' });
    await newAccount.getByLabel(/^Email/).fill('min@field.example');
    await newAccount.getByLabel(/^Name/).fill('Min Observer');
    await newAccount.getByLabel(/^Role/).selectOption('observer');
    await admin.getByRole('button', { name: 'Create account' }).click();
    await expect(admin.getByRole('heading', { name: /^Accounts \(2\)/ })).toBeVisible();
    await admin.getByLabel(/^Device name/).fill('Dandong phone 1');
    await admin.getByLabel(/^Acts as/).selectOption({ label: 'Min Observer — min@field.example (observer)' });
    await admin.getByRole('button', { name: 'Create device token' }).click();
    const card = admin.getByRole('region', { name: 'New device token Dandong phone 1' });
    await expect(card).toBeVisible();
    await expectNoAxeViolations(admin, 'admin area with a new device token');
    await expect(admin).toHaveScreenshot('admin-new-token-1280.png', {
      ...SHOT, fullPage: true,
      mask: [card.locator('canvas'), card.locator('code'), admin.locator('td[data-label="Created"], td[data-label="Last used"]')],
    });
    const payload = await decodeQr(card.locator('canvas'));
    expect(payload).toBe(await card.locator('.sign-in-link').textContent());
    expect(payload).toMatch(new RegExp(`^${server.baseUrl}/upload/#device-token=lp_`));
    return payload;
  });

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await step('phone signs in from the QR code', async () => {
    await phone.goto(signInUrl);
    await expect(phone.getByText('Signed in as')).toContainText('Min Observer');
    expect(new URL(phone.url()).hash).toBe(''); // the token left the address bar
    await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expectNoAxeViolations(phone, 'upload app, signed in');
  });

  await step('offline observation with a photo, then sent', async () => {
    await phoneContext.setOffline(true);
    await expect(phone.locator('#network-state')).toContainText('Offline');
    await phone.getByLabel(/^Crossing/).selectOption('cn-kp-dandong-sinuiju-friendship-bridge');
    await phone.getByLabel(/^Value/).fill('37');
    const picture = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#556677' } }).jpeg().toBuffer();
    await phone.getByLabel('Photos', { exact: true }).setInputFiles({ name: 'queue.jpg', mimeType: 'image/jpeg', buffer: picture });
    await phone.getByRole('button', { name: 'Save and send' }).click();
    const confirmation = phone.locator('#save-confirmation');
    await expect(confirmation).toContainText('Saved on this phone. You are offline');
    await expect(confirmation).toBeInViewport();
    await expect(phone.getByRole('heading', { name: 'Waiting to send (1)' })).toBeVisible();
    await expectNoAxeViolations(phone, 'upload app, offline with one waiting');
    await expect(phone).toHaveScreenshot('upload-saved-offline-390.png', { ...SHOT, mask: [phone.locator('#observed-at'), phone.locator('.queue-item span')] });
    await phoneContext.setOffline(false);
    await expect(phone.getByRole('heading', { name: 'Sent (1)' })).toBeVisible({ timeout: 20_000 });
    await expect(phone.locator('.sent-item')).toContainText('Waiting for review');
    await expect(confirmation).toContainText('Sent the observation');
  });

  await step('reviewer rejects with a reason', async () => {
    await admin.goto(`${server.baseUrl}/review/`);
    const card = admin.locator('article.review-card').filter({ hasText: 'Min Observer' });
    await expect(card).toBeVisible();
    await admin.locator('body').press('j');
    await expect(admin.locator('#detail-heading')).toBeFocused();
    await expect(admin.locator('.detail-photos img')).toHaveCount(1);
    await expectNoAxeViolations(admin, 'review with a submission open');
    await expect(admin).toHaveScreenshot('review-detail-1280.png', {
      ...SHOT, mask: [admin.locator('.meta'), admin.locator('#review-map'), admin.locator('.audit')],
    });
    await admin.locator('body').press('r');
    await expect(admin.getByLabel('Reason to reject this submission')).toBeFocused();
    await admin.keyboard.type(REASON);
    await admin.keyboard.press('Enter');
    await expect(admin.locator('#review-message')).toHaveText('1 rejected.');
    await expect(admin.getByText('Nothing waits for review.')).toBeVisible();
  });

  await step('the observer reads the reason', async () => {
    await phone.reload();
    await expect(phone.locator('.sent-item')).toContainText(`Rejected: ${REASON}`, { timeout: 20_000 });
    await expectNoAxeViolations(phone, 'upload app with a rejected observation');
    await expect(phone).toHaveScreenshot('upload-rejected-390.png', {
      ...SHOT, fullPage: true, mask: [phone.locator('#observed-at'), phone.locator('.sent-item > span'), phone.locator('.checked-at')],
    });
  });
  console.log(`first-run journey timings (ms): ${JSON.stringify(timings)}`);
  await phoneContext.close();
  await desk.close();
});
