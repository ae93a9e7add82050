import fs from 'node:fs';
import type { AnalysisDto } from '../server/contracts/analysis.js';
import { expect, test } from './fixtures.js';
import { renderedCrossingIds, waitForMapIdle } from './map-helpers.js';

const SECTION = 'What activity says about customs';

test('the default view analyses the US–Mexico border: r 0.90 with n 24 for levels at lag 0', async ({ page, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  await expect(page.getByLabel('Border')).toHaveValue('US-MX');
  await expect(page.getByLabel('Border').locator('option:checked')).toHaveText('United States – Mexico');
  const section = page.getByRole('complementary').getByRole('region', { name: SECTION });
  // Plain words first: the server's own sentence.
  await expect(section.locator('.analysis-summary')).toContainText('r 0.90, n 24');
  const table = section.getByRole('table', { name: 'Correlation with trade, by lag' });
  const level0 = table.locator('tr[data-on="level"][data-lag="0"]');
  await expect(level0.getByRole('rowheader')).toHaveText('0 mo');
  await expect(level0.getByRole('cell').nth(0)).toHaveText('0.90');
  await expect(level0.getByRole('cell').nth(1)).toHaveText('0.77 – 0.95');
  await expect(level0.getByRole('cell').nth(2)).toHaveText('24');
  await expect(table.locator('tr[data-on="change"]')).toHaveCount(4);
  // The chosen model beside naive's, and what they were scored on.
  await expect(section.locator('.naive-model')).toHaveText('MAPE 3.0 %');
  await expect(section.getByText('Scored on 8 month(s), 2021-05 to 2021-12')).toBeVisible();
  // Real data: no demo warning in the section; the border's labels say which series is read.
  await expect(section.getByRole('note')).toHaveCount(0);
  await expect(section).toContainText('United States imports from Mexico');
  // The border selector warns before an analyst picks a demo-only border or one without trade figures.
  await expect(page.getByLabel('Border').locator('option[value="CN-KP"]')).toHaveText('China – North Korea (demo data)');
  await expect(page.getByLabel('Border').locator('option[value="RU-KP"]')).toHaveText('Russia – North Korea (demo data, no trade figures)');
  await expect(page.getByLabel('Border').locator('option[value="US-CA"]')).toHaveText('United States – Canada (no trade figures)');
  expect(pageProblems).toEqual([]);
});

test('the map, the API and the chart show the same numbers', async ({ page, request, pageProblems }) => {
  const api = (await (await request.get('/api/analysis?reporter=US&partner=MX&flow=imports&metric=crossed_vehicles')).json()) as AnalysisDto;
  await page.goto('/');
  await waitForMapIdle(page);
  const section = page.getByRole('region', { name: SECTION });
  await expect(section.locator('.analysis-summary')).toHaveText(api.summary);
  for (const c of api.correlations) {
    await expect(section.locator(`tr[data-on="${c.on}"][data-lag="${c.lag}"] .corr-n`)).toHaveText(String(c.n));
  }
  expect(pageProblems).toEqual([]);
});

test('picking China–North Korea says plainly that its numbers are synthetic demo data', async ({ page, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  await page.getByLabel('Border').selectOption('CN-KP');
  const section = page.getByRole('region', { name: SECTION });
  await expect(section.getByRole('note')).toHaveText(/made-up demo data.*not evidence/);
  await expect(section.locator('.analysis-summary')).toContainText('Synthetic demo data, not evidence');
  await waitForMapIdle(page);
  // The map moved to the border picked.
  expect(await renderedCrossingIds(page)).toContain('cn-kp-dandong-sinuiju-friendship-bridge');
  expect(page.url()).toContain('border=CN-KP');
  expect(pageProblems).toEqual([]);
});

test('a flow without activity says why no forecast can be tested', async ({ page, pageProblems }) => {
  // US exports to Mexico: the BTS counts are northbound only, so no month has both activity and a figure.
  await page.goto('/?flow=exports');
  await waitForMapIdle(page);
  const section = page.getByRole('region', { name: SECTION });
  await expect(section.locator('.analysis-insufficient')).toContainText('too few months with both activity and a trade figure (0 such months');
  expect(pageProblems).toEqual([]);
});

test('the analysis downloads as CSV: one row per month of the US–Mexico border', async ({ page, pageProblems }) => {
  await page.goto('/');
  await waitForMapIdle(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download analysis (CSV)' }).click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('month,activity,crossings_reporting,trade_usd,trade_source,nowcast_usd,nowcast_low_usd,nowcast_high_usd,anomaly');
  expect(lines).toHaveLength(25);
  expect(lines[1]).toMatch(/^2020-01,544303,20,28202281911,/);
  expect(lines.at(-1)).toMatch(/^2021-12,/);
  expect(pageProblems).toEqual([]);
});

test('a nowcast is drawn as its own point with its interval and listed with its publication date', async ({ page, pageProblems }) => {
  // No seeded selection has activity past the last published figure (BTS and Census both end 2021-12; the demo
  // set and China's figures both end 2025-12), so the server's own answer is taken and its last month made
  // "not yet published", with a nowcast, as the API gives one.
  await page.route('**/api/analysis?**', async (route) => {
    const res = await route.fetch();
    const a = (await res.json()) as AnalysisDto;
    const last = a.months.at(-1)!;
    const nowcast = { value: 3.12e10, low: 2.9e10, high: 3.35e10 };
    last.trade = null;
    last.tradeSource = null;
    last.nowcast = nowcast;
    a.nowcast = [{ month: last.month, ...nowcast, expectedPublication: '2022-02-04', overdue: true }];
    await route.fulfill({ response: res, json: a });
  });
  await page.goto('/');
  await waitForMapIdle(page);
  const section = page.getByRole('region', { name: SECTION });
  await expect(section.locator('.nowcast li')).toContainText('2021-12: $31.20 bn (95 %: $29.00 bn – $33.50 bn)');
  await expect(section.locator('.nowcast li')).toContainText('overdue: expected 2022-02-04');
  await expect(page.locator('.chart .u-legend')).toContainText('Nowcast (95 % interval)');
  await expect(page.locator('.chart-canvas')).toHaveAttribute('data-nowcast', '2021-12');
  await expect(page.locator('#chart-hover')).toContainText('Nowcast (95 % interval): $31.20 bn ($29.00 bn – $33.50 bn)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download analysis (CSV)' }).click();
  const lines = fs.readFileSync((await (await download).path())!, 'utf8').trim().split('\r\n');
  expect(lines.at(-1)).toMatch(/^2021-12,\d+,\d+,,,31200000000,29000000000,33500000000,/);
  expect(pageProblems).toEqual([]);
});

test('a change that would compare a real month with a synthetic one is not computed, and says why', async ({ page, pageProblems }) => {
  // No seeded crossing has both kinds of month, so one month a year before the one shown is marked as demo data.
  await page.route('**/api/rollups/monthly?**', async (route) => {
    const res = await route.fetch();
    const rollup = (await res.json()) as { months: string[]; crossings: { id: string; values: ({ synthetic: boolean } | null)[] }[] };
    const laredo = rollup.crossings.find((c) => c.id === 'us-mx-port-2304')!;
    laredo.values[rollup.months.indexOf('2020-12')]!.synthetic = true;
    await route.fulfill({ response: res, json: rollup });
  });
  await page.goto('/?crossing=us-mx-port-2304&month=2021-12');
  await waitForMapIdle(page);
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: 'Laredo, Texas' })).toBeVisible();
  await expect(panel.locator('.yoy')).toHaveText('Year over year: not computed: compares real data with synthetic demo data');
  // The previous month is real like this one: that change is computed.
  await expect(panel.locator('.change')).toHaveText(/^Change against previous month: [+−-]\d+\.\d %$/);
  expect(pageProblems).toEqual([]);
});
