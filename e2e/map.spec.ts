import fs from 'node:fs';
import { expect, test } from './fixtures.js';
import { cameraOf, crossingPagePoint, renderedCrossingIds, symbolState, waitForMapIdle } from './map-helpers.js';

const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';
const DANDONG_LNGLAT: [number, number] = [124.390579, 40.116438];
const LAREDO = 'us-mx-port-2304';

type Features = { features: { id: string; geometry: unknown; properties: { countries: string[] } }[] };

test('the map opens fitted to the default border (US–Mexico) with every one of its crossings drawn', async ({ page, request, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  const api = (await (await request.get('/api/crossings')).json()) as Features;
  const onBorder = api.features
    .filter((f) => f.geometry && f.properties.countries.includes('US') && f.properties.countries.includes('MX'))
    .map((f) => f.id)
    .sort();
  expect(onBorder.length).toBeGreaterThan(15);
  const drawn = await renderedCrossingIds(page);
  expect(drawn.filter((id) => onBorder.includes(id))).toEqual(onBorder);
  expect(drawn.some((id) => id.startsWith('cn-kp-'))).toBe(false);
  await expect(page.getByLabel('Border')).toHaveValue('US-MX');
  // Crossings without a location are listed, marked as such, not drawn.
  const unknown = page.getByRole('complementary').locator('section.unknown');
  await expect(unknown.getByRole('heading')).toHaveText('Crossings with unknown location');
  await expect(unknown.getByRole('listitem')).toHaveCount(5);
  await expect(unknown.getByRole('listitem').filter({ hasText: 'Kaishantun–Sambong (Onsong) crossing' })).toContainText('Location unknown');
  expect(pageProblems).toEqual([]);
});

test('the demo-data banner says what is true of the border shown', async ({ page, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  const note = page.locator('#demo-note');
  // US–Mexico is real BTS data: only a quiet pointer to where the made-up data is.
  await expect(note).toBeVisible();
  await expect(note).toHaveText(/^Demo data \(made up\) at China – North Korea( and [^.]+)? crossings elsewhere on the map\.$/);
  await expect(note).not.toHaveClass(/demo-note-strong/);
  await expect(note).not.toContainText('synthetic demo data');

  // China–North Korea has demo data only: the strong warning, from the first paint of that border.
  await page.goto('/?border=CN-KP');
  await waitForMapIdle(page);
  await expect(note).toHaveText('Synthetic demo data: the activity shown for all China – North Korea crossings is made up for illustration and is not evidence.');
  await expect(note).toHaveClass(/demo-note-strong/);
  // Picking a real border with the selector takes the warning back.
  await page.getByLabel('Border').selectOption('US-MX');
  await expect(note).not.toHaveClass(/demo-note-strong/);
  await expect(note).toContainText('Demo data (made up) at China – North Korea');
  expect(pageProblems).toEqual([]);
});

test('moving the slider changes the month in the chart and the symbol sizes', async ({ page, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  const slider = page.getByRole('slider', { name: 'Month shown' });
  const label = page.locator('#month-label');
  const firstMonth = await label.textContent();
  const before = await symbolState(page, LAREDO);

  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(label).not.toHaveText(firstMonth!);
  const month = (await label.textContent())!;
  await expect(page.locator('.chart-month')).toHaveText(month);
  await waitForMapIdle(page);
  const after = await symbolState(page, LAREDO);
  expect(after.radius).not.toBe(before.radius);
  expect(page.url()).toContain(`month=${month}`);
  expect(pageProblems).toEqual([]);
});

test('clicking a crossing opens its panel with names, sources and analysis', async ({ page, pageProblems }) => {
  await page.goto('/?border=CN-KP');
  await waitForMapIdle(page);
  const { x, y } = await crossingPagePoint(page, DANDONG_LNGLAT);
  await page.mouse.click(x, y);
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: 'Sino-Korean Friendship Bridge (Dandong–Sinuiju)' })).toBeVisible();
  await expect(panel.getByText('中朝友谊桥')).toBeVisible();
  await expect(panel.getByText('중조우의교')).toBeVisible();
  await expect(panel.locator('.sources')).toContainText('de.wikipedia');
  // The analysis is now the crossing's own, from the server: eight correlations (levels and changes, lags 0–3).
  const customs = panel.getByRole('region', { name: 'What activity says about customs' });
  await expect(customs.getByRole('table', { name: 'Correlation with trade, by lag' }).locator('tr[data-lag]')).toHaveCount(8);
  await expect(customs.getByRole('note')).toContainText('made-up demo data');
  await expect(panel.locator('.latest li').first()).toContainText('synthetic');
  expect(await symbolState(page, DANDONG)).toMatchObject({ selected: true });
  expect(pageProblems).toEqual([]);
});

test('a copied URL restores the same view in a new page', async ({ page, context, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  await page.getByLabel('Border').selectOption('CN-KP');
  await page.getByLabel('Trade flow').selectOption('exports');
  // The old default metric still works from a URL and from the filter.
  await page.getByLabel('Metric').selectOption('queue_vehicles');
  await page.getByLabel('Direction').selectOption('CN-KP');
  await page.getByLabel('Colour by change against').selectOption('trailing12');
  // A hundred-odd crossings: the list starts folded.
  await page.getByRole('complementary').getByText('All crossings').click();
  await page.getByRole('complementary').getByRole('button', { name: 'Tumen River Bridge (Quanhe–Wonjong, Hunchun–Rason)' }).click();
  const slider = page.getByRole('slider', { name: 'Month shown' });
  await slider.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await waitForMapIdle(page);
  const url = page.url();
  const camera = await cameraOf(page);
  const month = await page.locator('#month-label').textContent();

  const second = await context.newPage();
  await second.goto(url);
  await waitForMapIdle(second);
  await expect(second.getByLabel('Border')).toHaveValue('CN-KP');
  await expect(second.getByLabel('Trade flow')).toHaveValue('exports');
  await expect(second.getByLabel('Metric')).toHaveValue('queue_vehicles');
  await expect(second.getByLabel('Direction')).toHaveValue('CN-KP');
  await expect(second.getByLabel('Colour by change against')).toHaveValue('trailing12');
  await expect(second.locator('#month-label')).toHaveText(month!);
  await expect(second.getByRole('complementary').getByRole('heading', { name: /Tumen River Bridge \(Quanhe/ })).toBeVisible();
  const restored = await cameraOf(second);
  expect(restored.zoom).toBeCloseTo(camera.zoom, 1);
  expect(restored.lat).toBeCloseTo(camera.lat, 2);
  expect(restored.lng).toBeCloseTo(camera.lng, 2);
  expect(pageProblems).toEqual([]);
});

test('the table holds every crossing-month of the window, sorts by a column, and downloads all of it as CSV', async ({ page, pageProblems }) => {
  await page.goto('/?from=2020-01&to=2021-12');
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Table' }).click();
  const table = page.locator('#data-table');
  // Laredo has a BTS count in each of the 24 months of the window.
  await expect(table.getByRole('row', { name: /Laredo, Texas/ })).toHaveCount(24);
  // Sorted by value, largest first: the first row is the largest crossing-month of the window.
  await table.getByRole('button', { name: /^Value/ }).click();
  await expect(table.locator('th[aria-sort="descending"]')).toHaveText(/Value/);
  const first = table.locator('tbody tr').first();
  await expect(first.getByRole('rowheader')).toHaveText('Laredo, Texas');
  // Counts are whole numbers on screen, no raw floats.
  await expect(first.locator('td.num').first()).toHaveText(/^\d{1,3}(,\d{3})*$/);
  const rows = await table.locator('tbody tr').count();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^landport-vehicles-crossing.*2020-01-2021-12\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  // A BOM, so that Excel reads the names' scripts right.
  expect(csv.startsWith('\ufeff')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('crossing_id,name,countries,month,metric,value,aggregation,unit,observations,change,change_against,synthetic,location_known');
  expect(lines).toHaveLength(rows + 1);
  const laredo = lines.filter((l) => l.startsWith(`${LAREDO},`));
  expect(laredo).toHaveLength(24);
  expect(laredo.every((l) => l.includes(",crossed_vehicles,") && l.includes(",total,"))).toBe(true);
  expect(page.url()).toContain('view=table');
  expect(pageProblems).toEqual([]);
});

test('a failed request says what failed and offers a retry; the basemap still shows', async ({ page }) => {
  let failures = 1;
  await page.route('**/api/rollups/monthly**', (route) =>
    failures-- > 0
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'database restarting' } }) })
      : route.continue(),
  );
  await page.goto('/');
  await waitForMapIdle(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load activity: database restarting');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('#month-label')).not.toHaveText('—');
});

test('map labels use the chosen language, falling back to English', async ({ page, pageProblems }) => {
  await page.goto('/?lang=ko&map=7/40.6/125.5');
  await waitForMapIdle(page);
  const labels = await page.evaluate(() =>
    (window as unknown as import('./map-helpers.js').LandportWindow).landport!.map
      .queryRenderedFeatures({ layers: ['crossings-labels'] })
      .map((f) => String(f.properties.label)),
  );
  expect(labels).toContain('중조우의교');
  // No Korean name in the sources for this one: English stands in.
  expect(labels).toContain('Changbai–Hyesan International Bridge');
  expect(pageProblems).toEqual([]);
});
