import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { apiAs, createAccount, type Account } from './accounts.js';

// The embed as a newsroom's reader sees it: what the map's circles mean, a chart whose axes say
// what they count, sentences that stay whole in one language, and the same in every theme.
const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';
// Laredo's trucks (BTS) and US–Mexico trade (Census) are real, fixed reference data that no other
// spec adds to: the screenshots stay the same from one run to the next.
const LAREDO = 'us-mx-port-2304';
/** The two years BTS counted trucks in (the demo set's other crossings would stretch the months to 2025). */
const BTS_YEARS = { from: '2020-01', to: '2021-12' };

// axe-core is injected with page.evaluate: the page's script CSP blocks a <script> tag.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
type EmbedWindow = { landportEmbed?: { map: { loaded(): boolean; once(e: string, cb: () => void): void; triggerRepaint(): void } | null } };

let analystAccount: Promise<Account> | null = null;
const views = new Map<string, Promise<string>>();

/** One saved view per title and crossing, made once for the whole file. */
function viewOf(baseURL: string, title: string, crossing: string, metric: string, range: { from?: string; to?: string } = {}): Promise<string> {
  const key = `${title}|${crossing}|${metric}|${range.from}|${range.to}`;
  if (!views.has(key)) {
    views.set(key, (async () => {
      analystAccount ??= createAccount(baseURL, 'analyst');
      const analyst = await apiAs(baseURL, await analystAccount);
      const res = await analyst.post('/api/views', { data: { title, view: { crossing, metric, ...range } } });
      expect(res.status()).toBe(201);
      const { id } = (await res.json()) as { id: string };
      await analyst.dispose();
      return id;
    })());
  }
  return views.get(key)!;
}

/** The map loaded and idle, the fonts in: nothing left to change on screen. */
async function embedSettled(page: Page) {
  await page.waitForFunction(() => (window as unknown as EmbedWindow).landportEmbed?.map?.loaded());
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = (window as unknown as EmbedWindow).landportEmbed!.map!;
    map.once('idle', () => resolve());
    map.triggerRepaint();
  }));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // Every rule axe has, best practices included: an embed goes into pages we do not control.
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: unknown) => Promise<unknown> } }).axe.run(document)) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

test('the legend explains circle size with reference circles, colour, grey, faint and outlined circles', async ({ page, baseURL, pageProblems }) => {
  const id = await viewOf(baseURL!, 'Trucks queuing at Dandong', DANDONG, 'queue_vehicles');
  await page.goto(`/embed/${id}`);
  await embedSettled(page);
  const legend = page.getByRole('region', { name: 'Legend' });
  await expect(legend).toBeVisible();
  await expect(legend.locator('.legend-size .legend-title')).toHaveText('Size: Vehicles waiting, monthly mean');
  // Two or three reference circles, with their values, drawn by the map's own size rule.
  const values = await legend.locator('.legend-value').filter({ hasNotText: '%' }).allTextContents();
  const circles = await legend.locator('.legend-circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('r'))));
  expect(circles.length).toBeGreaterThanOrEqual(2);
  expect(circles.length).toBeLessThanOrEqual(3);
  expect(circles).toEqual([...circles].sort((a, b) => b - a));
  expect(values.slice(0, circles.length).every((v) => /^\d[\d,]*$/.test(v))).toBe(true);
  await expect(legend.locator('.legend-colour .legend-title')).toHaveText('Colour: change on previous month');
  await expect(legend.locator('.legend-colour li')).toHaveText([
    '10% or more down', '2% to 10% down', 'within 2% either way', '2% to 10% up', '10% or more up',
    'grey: no change computed (no earlier figure, or real vs synthetic)', 'faint: no data this month', 'outlined: headline crossing',
  ]);
  // The map's largest circle is drawn at the size the legend's scale gives its value.
  const [largest] = await page.evaluate(() => (JSON.parse(document.getElementById('landport-data')!.textContent!) as { crossings: { value: number | null; radius: number }[] })
    .crossings.filter((c) => c.value !== null).sort((a, b) => b.radius - a.radius));
  expect(largest.radius).toBeLessThanOrEqual(26);
  // Never over the map: the two boxes do not overlap.
  const map = (await page.locator('#embed-map').boundingBox())!;
  const box = (await legend.boundingBox())!;
  expect(box.x >= map.x + map.width - 1 || box.y >= map.y + map.height - 1).toBe(true);
  expect(pageProblems).toEqual([]);
});

test('the chart has an activity panel and a trade panel, each with its values and unit', async ({ page, baseURL, pageProblems }) => {
  const id = await viewOf(baseURL!, 'Trucks entering at Laredo', LAREDO, 'crossed_vehicles', BTS_YEARS);
  await page.goto(`/embed/${id}`);
  await embedSettled(page);
  const chart = page.locator('.embed-chart');
  const panels = chart.locator('svg.embed-chart-svg');
  await expect(panels).toHaveCount(2);
  await expect(chart.locator('.chart-title').nth(0)).toHaveText('Vehicles crossing at Laredo, Texas (monthly total)');
  await expect(chart.locator('.chart-title').nth(1)).toHaveText('Trade, million US dollars: US exports to MX US imports from MX');
  // Each panel has its own value axis, from 0, in its own numbers: vehicles above, million dollars below.
  const ticks = (i: number) => panels.nth(i).locator('.chart-value').allTextContents();
  const vehicles = await ticks(0);
  const dollars = await ticks(1);
  expect(vehicles[0]).toBe('0');
  expect(dollars[0]).toBe('0');
  expect(vehicles.length).toBeGreaterThanOrEqual(2);
  expect(dollars.length).toBeGreaterThanOrEqual(2);
  expect(vehicles).not.toEqual(dollars);
  expect(vehicles.at(-1)).toMatch(/^\d{3},\d{3}$/);
  expect(dollars.at(-1)).toMatch(/^\d{2},\d{3}$/);
  // Months are labelled along the bottom, several of them, in order.
  const months = await panels.nth(1).locator('.chart-tick').allTextContents();
  expect(months.length).toBeGreaterThanOrEqual(4);
  expect(months[0]).toBe('Jan 2020');
  await expect(panels.nth(0)).toHaveAttribute('aria-label', /^Vehicles crossing at Laredo, Texas \(monthly total\) per month, Jan 2020 to Dec 2021$/);
  // Hovering a bar tells its month and figure; a screen reader gets every figure in a table.
  await expect(panels.nth(0).locator('rect.chart-bar title').last()).toHaveText(/^Dec 2021: [\d,]+$/);
  await expect(page.getByRole('table', { name: 'The chart’s figures' }).getByRole('row')).toHaveCount(25);
  expect(pageProblems).toEqual([]);
});

test('with locale=ko, numbers and dates are Korean and every sentence stays whole in English', async ({ page, baseURL, pageProblems }) => {
  const id = await viewOf(baseURL!, 'Trucks queuing at Dandong', DANDONG, 'queue_vehicles');
  await page.goto(`/embed/${id}?locale=ko`);
  await embedSettled(page);
  await expect(page.locator('.embed-month')).toHaveText(/^\d{4}년 \d{1,2}월$/);
  await expect(page.locator('.embed-month')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('.embed-change')).toHaveText(/^(up|down) \d+ % on [A-Z][a-z]{2}$|^unchanged/);
  // The English phrase is not on the line of the Korean month.
  const month = (await page.locator('.embed-month').boundingBox())!;
  const change = (await page.locator('.embed-change').boundingBox())!;
  expect(change.y).toBeGreaterThanOrEqual(month.y + month.height - 1);
  await expect(page.locator('.chart-tick').first()).toHaveText(/^\d{4}년( \d{1,2}월)?$/);
  await expect(page.locator('.chart-title').first().locator('span[lang="ko"]')).toHaveText('중조우의교');

  const problems = await page.evaluate(() => {
    const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
    const LATIN_WORD = /[A-Za-z]{2,}/;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.getElementById('embed')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      if (!text) continue;
      const lang = node.parentElement!.closest('[lang]')?.getAttribute('lang') ?? '';
      if (HANGUL.test(text) && !lang.startsWith('ko')) out.push(`Korean in an English element: ${text}`);
      if (lang.startsWith('ko') && LATIN_WORD.test(text)) out.push(`English in a Korean element: ${text}`);
    }
    // Attributes cannot say which language a word is in: they stay English.
    for (const el of document.querySelectorAll('[aria-label], [alt]')) {
      const text = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('alt') ?? ''}`;
      if (HANGUL.test(text)) out.push(`Korean in an attribute: ${text}`);
    }
    return out;
  });
  expect(problems).toEqual([]);
  expect(pageProblems).toEqual([]);
});

for (const flags of ['', 'dark=true', 'locale=ko', 'transparent&dark=false', 'static&plain']) {
  test(`the embed has no axe violations of any impact${flags ? ` with ${flags}` : ''}`, async ({ page, baseURL, pageProblems }) => {
    const id = await viewOf(baseURL!, 'Trucks queuing at Dandong', DANDONG, 'queue_vehicles');
    await page.goto(`/embed/${id}${flags ? `?${flags}` : ''}`);
    await embedSettled(page);
    await expect(page.getByRole('region', { name: 'Legend' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
}

for (const width of [320, 600, 1000]) {
  test(`the embed at ${width} px wide looks as it did`, async ({ page, baseURL, pageProblems }) => {
    const id = await viewOf(baseURL!, 'Trucks entering at Laredo', LAREDO, 'crossed_vehicles', BTS_YEARS);
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/embed/${id}?dark=false`);
    await embedSettled(page);
    // Software WebGL antialiases a little differently from run to run: a small share of pixels may differ.
    await expect(page).toHaveScreenshot(`embed-laredo-${width}.png`, { fullPage: true, maxDiffPixelRatio: 0.02, animations: 'disabled' });
    expect(pageProblems).toEqual([]);
  });
}
