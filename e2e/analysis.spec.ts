import fs from 'node:fs';
import type { AnalysisDto } from '../server/contracts/analysis.js';
import { expect, test } from './fixtures.js';
import { formatUsd } from '../app/src/ui/dom.js';
import { renderedCrossingIds, waitForMapIdle } from './map-helpers.js';
import { MIXED_PORT, QUEUE_QUERY, QUEUE_VIEW, storeQueueTestData } from './queue-test-data.js';

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

test('a nowcast is drawn as its own point with its interval and listed with its publication date', async ({ page, request, baseURL, pageProblems }) => {
  // Stored queue counts (made up, e2e/queue-test-data.ts) run to 2022-01; US–Mexico trade ends 2021-12.
  await storeQueueTestData(baseURL!);
  const api = (await (await request.get(`/api/analysis?${QUEUE_QUERY}`)).json()) as AnalysisDto;
  expect(api.synthetic).toBe(true);
  const nowcast = api.nowcast.find((n) => n.month === '2022-01')!;
  expect(nowcast).toBeDefined();
  expect(api.months.at(-1)).toMatchObject({ month: '2022-01', trade: null, nowcast: { value: nowcast.value, low: nowcast.low, high: nowcast.high } });
  const line = `2022-01: ${formatUsd(nowcast.value)} (95 %: ${formatUsd(nowcast.low)} – ${formatUsd(nowcast.high)})`;

  await page.goto(`/?${new URLSearchParams(QUEUE_VIEW)}`);
  await waitForMapIdle(page);
  const section = page.getByRole('region', { name: SECTION });
  await expect(section.locator('.analysis-summary')).toHaveText(api.summary);
  // Made-up activity: the section says so before any number.
  await expect(section.getByRole('note')).toHaveText(/made-up demo data.*not evidence/);
  // The border holds the made-up northbound series and the real southbound readings: the banner says both exist.
  await expect(page.locator('#demo-note')).toHaveText(/^Some activity shown for all United States – Mexico crossings is synthetic demo data/);
  await expect(section.locator('.nowcast li').first()).toContainText(line);
  // 2022-01 ended long ago: the figure is overdue.
  await expect(section.locator('.nowcast li').first()).toContainText(`overdue: expected ${nowcast.expectedPublication}`);
  await expect(page.locator('.chart .u-legend')).toContainText('Nowcast (95 % interval)');
  await expect(page.locator('.chart-canvas')).toHaveAttribute('data-nowcast', api.nowcast.map((n) => n.month).join(' '));
  // The map opens on the analysis's latest month with activity: the nowcast month.
  await expect(page.locator('#month-label')).toHaveText('2022-01');
  await expect(page.locator('#chart-hover')).toContainText(`Nowcast (95 % interval): ${formatUsd(nowcast.value)} (${formatUsd(nowcast.low)} – ${formatUsd(nowcast.high)})`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download analysis (CSV)' }).click();
  const lines = fs.readFileSync((await (await download).path())!, 'utf8').trim().split('\r\n');
  const activity = api.months.at(-1)!.activity;
  expect(lines.at(-1)).toBe(`2022-01,${activity},1,,,${nowcast.value},${nowcast.low},${nowcast.high},${api.months.at(-1)!.anomaly?.direction ?? ''}`);
  expect(pageProblems).toEqual([]);
});

test('a change that would compare a real month with a synthetic one is not computed, and says why', async ({ page, baseURL, pageProblems }) => {
  // Nogales, southbound queue counts: 2021-01 synthetic, 2021-12 and 2022-01 real (field), all stored above.
  await storeQueueTestData(baseURL!);
  await page.goto(`/?crossing=${MIXED_PORT}&metric=queue_vehicles&month=2022-01`);
  await waitForMapIdle(page);
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: 'Nogales, Arizona' })).toBeVisible();
  await expect(panel.locator('.yoy')).toHaveText('Year over year: not computed: compares real data with synthetic demo data');
  // The previous month is real like this one: that change is computed (90 → 120).
  await expect(panel.locator('.change')).toHaveText('Change against previous month: +33.3 %');
  expect(pageProblems).toEqual([]);
});
