import { startReceiver } from '../server/test/webhook-receiver.js';
import { E2E_ADMIN } from '../playwright.config.js';
import { signInOnPage } from './accounts.js';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';

const SHOT = { maxDiffPixelRatio: 0.02, animations: 'disabled' as const };

// An admin registers a receiver on this machine, copies the secret shown once, sends a test and watches it arrive
// in the delivery log; then pauses the webhook. The server's own queue worker does the sending.
test('an admin registers a webhook, sends a test and reads the delivery log', async ({ page }) => {
  const receiver = await startReceiver();
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/admin/');
    await signInOnPage(page, { ...E2E_ADMIN, role: 'analyst' });
    const section = page.getByRole('region', { name: 'Webhooks' });
    await expect(section.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    const form = page.getByRole('form', { name: 'New webhook' });
    // The form says what is missing before anything is sent.
    await form.getByRole('button', { name: 'Register webhook' }).click();
    await expect(form.getByRole('alert')).toHaveText('Give the URL that receives the events.');
    await form.getByLabel(/^URL/).fill('http://example.org/hooks');
    await form.getByLabel(/Imports committed/).check();
    await form.getByRole('button', { name: 'Register webhook' }).click();
    await expect(form.getByRole('alert')).toContainText('must use https');
    await form.getByLabel(/^URL/).fill(receiver.url);
    await form.getByLabel('Description').fill('Newsroom bot');
    await form.getByLabel(/Nowcast changed/).check();
    await form.getByRole('button', { name: 'Register webhook' }).click();
    const card = page.getByRole('region', { name: 'New webhook secret' });
    await expect(card).toBeFocused();
    await expect(card.locator('.webhook-secret')).toHaveText(/^[0-9a-f]{64}$/);
    const listed = section.getByRole('list', { name: 'Registered webhooks' }).getByRole('listitem');
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText('Imports committed, Nowcast changed');

    await listed.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByRole('status').first()).toContainText('A test event is on its way');
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    expect(JSON.parse(receiver.received[0].body).type).toBe('webhook.test');
    // The log opens by itself and reads itself again until the test is delivered; the counts follow.
    const log = page.getByRole('table', { name: /The latest deliveries/ });
    await expect(log.getByRole('row')).toHaveCount(2);
    await expect(log).toContainText('webhook.test');
    await expect(log).toContainText(/Delivered .* · HTTP 200/);
    await expect(listed).toContainText(/^.*1 delivered · 0 waiting · 0 failed/);
    await expectNoAxeViolations(page, 'admin page with a webhook and its delivery log');
    const mask = [card.locator('code'), card.locator('strong'), page.locator('td[data-label="Created"], td[data-label="Last used"], td[data-label="Queued"], td[data-label="Outcome"], .webhook-card .muted, .webhook-url')];
    await page.locator('section', { has: page.getByRole('heading', { name: 'Webhooks' }) }).screenshot({ path: test.info().outputPath('webhooks-unmasked-1280.png') });
    await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Webhooks' }) })).toHaveScreenshot('admin-webhooks-1280.png', { ...SHOT, mask });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Webhooks' }) })).toHaveScreenshot('admin-webhooks-390.png', { ...SHOT, mask });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page, 'admin page on a phone');

    await page.getByRole('list', { name: 'Registered webhooks' }).getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('list', { name: 'Registered webhooks' })).toContainText('Paused');
    await expect(page.getByRole('list', { name: 'Registered webhooks' }).getByRole('button', { name: 'Send test' })).toHaveCount(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('list', { name: 'Registered webhooks' }).getByRole('button', { name: 'Delete' }).click();
    await expect(section.getByText('No webhooks yet.')).toBeVisible();
  } finally {
    await receiver.close();
  }
});
