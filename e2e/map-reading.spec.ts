import fs from 'node:fs';
import { expect, test } from './fixtures.js';
import { apiAs, createAccount } from './accounts.js';
import { expectNoAxeViolations } from './axe.js';
import { waitForMapIdle } from './map-helpers.js';

// A window of real BTS months that no other spec adds to: the same picture in every run.
const STILL = '/?from=2020-01&to=2021-12&month=2021-06';

// Two page loads with software WebGL, or an account made and signed in, take longer than the default 30 s here.
test.describe.configure({ timeout: 90_000 });

test('at 1280×800 the map takes the space, with its legend, and the page does not scroll', async ({ page, pageProblems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(STILL);
  await waitForMapIdle(page);
  const map = await page.locator('#map').boundingBox();
  expect(map!.height).toBeGreaterThan(450);
  expect(map!.width).toBeGreaterThan(800);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);
  const legend = page.getByRole('region', { name: 'Legend' });
  await expect(legend).toBeVisible();
  await expect(legend).toContainText("Vehicles crossing, 2021-06 (vehicles, the month's counts added up)");
  await expect(legend.locator('.legend-sizes li')).toHaveCount(3);
  await expect(legend).toContainText('+10 % or more');
  await expect(legend).toContainText('no earlier value to compare');
  await expect(legend).toContainText('no data in this month');
  // Once drawn, neither the loading sign nor an empty-state message is left over the map.
  await expect(page.locator('#map-note')).toBeHidden();
  await expect(page).toHaveScreenshot('map-with-legend-1280.png', { maxDiffPixelRatio: 0.03, mask: [page.locator('.side')] });
  await expectNoAxeViolations(page, 'map with legend, 1280×800');
  expect(pageProblems).toEqual([]);
});

test('on a 390×844 phone the map, slider and chart are in the first two screens and nothing scrolls sideways', async ({ page, pageProblems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(STILL);
  await waitForMapIdle(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const top = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
  expect(await top('#map')).toBeLessThan(844);
  expect(await top('#month-slider')).toBeLessThan(844);
  expect(await top('#chart')).toBeLessThan(2 * 844);
  // The filters fold behind one button, the legend behind its summary.
  await expect(page.getByLabel('Metric')).toBeHidden();
  await page.getByRole('button', { name: 'Filters' }).click();
  await expect(page.getByLabel('Metric')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Legend' }).locator('details')).not.toHaveAttribute('open', '');
  await expectNoAxeViolations(page, 'phone, filters open');
  expect(pageProblems).toEqual([]);
});

test('the map shows a loading sign until the crossings are drawn', async ({ page, pageProblems }) => {
  // The crossings answer is held back a little (and then passed through unchanged), to see the page meanwhile.
  await page.route('**/api/crossings', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(STILL);
  await expect(page.locator('#map-note')).toHaveText('Loading the map…');
  await waitForMapIdle(page);
  await expect(page.locator('#map-note')).toBeHidden();
  expect(pageProblems).toEqual([]);
});

test('a view with no data says why and what to change', async ({ page, pageProblems }) => {
  await page.goto(`${STILL}&vehicleClass=pedestrian`);
  await waitForMapIdle(page);
  const note = page.locator('#map-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('No data for “Vehicles crossing” match this view');
  await expect(note).toContainText('set Vehicle class back to Any');
  await page.getByLabel('Vehicle class').selectOption('');
  await expect(note).toBeHidden();
  expect(pageProblems).toEqual([]);
});

test('the time window narrows the slider, and playback has a speed', async ({ page, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  await page.getByRole('combobox', { name: 'From' }).selectOption('2021-01');
  await page.getByRole('combobox', { name: 'To', exact: true }).selectOption('2021-06');
  const slider = page.getByRole('slider', { name: 'Month shown' });
  await expect(slider).toHaveAttribute('max', '5');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('#month-label')).toHaveText('2021-01');
  await page.keyboard.press('End');
  await expect(page.locator('#month-label')).toHaveText('2021-06');
  expect(page.url()).toContain('from=2021-01');
  expect(page.url()).toContain('to=2021-06');
  await page.getByLabel('Playback speed').selectOption({ label: '4×' });
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Play' }).click();
  // At 4× (175 ms a month) the five steps take under a second; the button turns back to Play at the end.
  await expect(page.locator('#month-label')).toHaveText('2021-06', { timeout: 5000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(pageProblems).toEqual([]);
});

test('the review-status filter is for analysts only, and every filter is explained', async ({ page, pageProblems, baseURL }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  await expect(page.getByLabel('Review status')).toHaveCount(0);
  await page.getByText('What the filters do').click();
  await expect(page.locator('.filters-help')).toContainText('Metric: what the circles measure');
  await expect(page.locator('.filters-help')).not.toContainText('Review status');

  const analyst = await createAccount(baseURL!, 'analyst');
  await page.request.post('/api/auth/login', { data: { email: analyst.email, password: analyst.password } });
  await page.reload();
  await waitForMapIdle(page);
  await expect(page.getByLabel('Review status')).toBeVisible();
  await page.getByText('What the filters do').click();
  await expect(page.locator('.filters-help')).toContainText('Review status (analysts only)');
  expect(pageProblems).toEqual([]);
});

test('keyboard: a skip link, the slider within reach, focus on the panel heading after picking a crossing', async ({ page, pageProblems }) => {
  await page.goto(STILL);
  await waitForMapIdle(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the map and its data' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  // From the main area, the month slider is a few Tabs away (map controls and legend before it).
  let tabs = 0;
  while (tabs < 15 && !(await page.getByRole('slider', { name: 'Month shown' }).evaluate((e) => e === document.activeElement))) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  expect(tabs).toBeLessThan(15);
  // The focus ring is drawn, 3 px wide, where the keyboard is.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth)).toBe('3px');
  // The crossing list is tied to the map's selection: picking one moves focus to the panel's heading.
  await page.getByRole('complementary').getByText('All crossings').click();
  await page.getByRole('complementary').getByRole('button', { name: 'Laredo, Texas' }).focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('complementary').getByRole('heading', { name: 'Laredo, Texas', level: 2 });
  await expect(heading).toBeFocused();
  await expect(page.getByRole('complementary').getByRole('button', { name: 'Laredo, Texas' })).toHaveAttribute('aria-pressed', 'true');
  // The month shown is announced when it changes.
  await expect(page.locator('#month-label')).toHaveAttribute('aria-live', 'polite');
  await expectNoAxeViolations(page, 'a crossing selected');
  expect(pageProblems).toEqual([]);
});

test('the image export carries title, month, legend and sources, at the size chosen, named after the view', async ({ page, pageProblems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(STILL);
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Download PNG snapshot of the map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download the map as an image' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'image export dialog');
  await dialog.getByLabel('Small, 800 × 500').check();
  const downloadPromise = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download PNG' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('landport-vehicles-crossing-all-united-states-mexico-crossings-2021-06.png');
  const file = fs.readFileSync((await download.path())!);
  expect(file.subarray(1, 4).toString()).toBe('PNG');
  // The PNG header's width and height (IHDR, bytes 16–23).
  expect([file.readUInt32BE(16), file.readUInt32BE(20)]).toEqual([800, 500]);
  expect(file).toMatchSnapshot('map-export-800x500.png', { maxDiffPixelRatio: 0.03 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Download PNG snapshot of the map' })).toBeFocused();
  expect(pageProblems).toEqual([]);
});

// Last in this file: its observation (a bus count whose period is a year ahead) stays on the server.
test('an observation dated in the future is flagged and does not stretch the month axis', async ({ page, pageProblems, baseURL }) => {
  const analyst = await apiAs(baseURL!, await createAccount(baseURL!, 'analyst'));
  const start = new Date();
  start.setUTCFullYear(start.getUTCFullYear() + 1, start.getUTCMonth(), 1);
  start.setUTCHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + 86_400_000);
  const res = await analyst.post('/api/observations', {
    data: {
      crossingId: 'us-ca-port-0103', metric: 'crossed_vehicles', value: 12, vehicleClass: 'bus', method: 'field',
      source: 'e2e test data, made up: a count whose period was typed a year ahead', observedAt: new Date().toISOString(),
      period: { start: start.toISOString(), end: end.toISOString() },
    },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  expect((await analyst.post('/api/review/decisions', { data: { ids: [id], action: 'approve' } })).status()).toBe(200);
  await analyst.dispose();

  await page.goto('/');
  await waitForMapIdle(page);
  const futureMonth = start.toISOString().slice(0, 7);
  await expect(page.locator('#time-note')).toHaveText(`1 observation(s) dated after this month (${futureMonth}) are not drawn: a date may be wrong.`);
  const slider = page.getByRole('slider', { name: 'Month shown' });
  await slider.focus();
  await page.keyboard.press('End');
  expect((await page.locator('#month-label').textContent())! <= new Date().toISOString().slice(0, 7)).toBe(true);
  expect(pageProblems).toEqual([]);
});
