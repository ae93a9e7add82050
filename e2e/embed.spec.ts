import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { expectNoAxeViolations } from './axe.js';
import type { AnalysisDto } from '../server/contracts/analysis.js';
import { formatUsd } from '../app/src/ui/dom.js';
import { apiAs, createAccount, type Account } from './accounts.js';
import { QUEUE_QUERY, QUEUE_VIEW, storeQueueTestData } from './queue-test-data.js';

const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';
const LIVE_AT = 'cn-kp-dandong-sinuiju-new-yalu-bridge';

type EmbedWindow = { landportEmbed?: { map: { loaded(): boolean; getCenter(): { lng: number; lat: number } } | null; refreshes: number; changes: number } };

let analystAccount: Promise<Account> | null = null;

async function saveView(baseURL: string, title: string, view: Record<string, unknown>) {
  analystAccount ??= createAccount(baseURL, 'analyst');
  const analyst = await apiAs(baseURL, await analystAccount);
  const res = await analyst.post('/api/views', { data: { title, view } });
  expect(res.status()).toBe(201);
  const saved = (await res.json()) as { id: string; embedCode: string; embedUrl: string };
  await analyst.dispose();
  return saved;
}

async function waitForEmbedMap(target: Page | Frame) {
  await target.waitForFunction(() => (window as unknown as EmbedWindow).landportEmbed?.map?.loaded());
}

/** A publisher's page on another origin (localhost on its own port): the snippets and nothing else. */
async function publisherPage(body: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>News</title></head><body><h1>Trucks queue again</h1>${body}<p>End of article.</p></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(r)) };
}

test('two embeds on another site size themselves to their content', async ({ page, baseURL, pageProblems }) => {
  const a = await saveView(baseURL!, 'Trucks queuing at Dandong', { crossing: DANDONG, metric: 'queue_vehicles' });
  const b = await saveView(baseURL!, 'Rail wagons at Ji\'an', { crossing: 'cn-kp-jian-manpo-rail', metric: 'crossed_vehicles' });
  // Two snippets as pasted (each carries the script; it installs itself once), in columns of different widths.
  const publisher = await publisherPage(
    `<div style="width:340px">${a.embedCode}</div><div style="width:720px">${b.embedCode}</div>`,
  );
  try {
    await page.goto(publisher.url);
    const frames = page.locator('iframe[data-landport-embed]');
    await expect(frames).toHaveCount(2);
    await expect(frames.nth(0)).toHaveAttribute('title', 'Trucks queuing at Dandong');
    await expect(frames.nth(0)).toHaveAttribute('aria-label', 'Trucks queuing at Dandong');

    for (const i of [0, 1]) {
      // As a reader would scroll to it: Chromium does not render a cross-origin frame that is out of view, so its map never loads there.
      await frames.nth(i).scrollIntoViewIfNeeded();
      const frame = (await frames.nth(i).elementHandle())!;
      const content = (await frame.contentFrame())!;
      await waitForEmbedMap(content);
      // The iframe's height follows its own document's, whatever that is at this width.
      await expect.poll(async () => {
        const inner = await content.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        const outer = await frame.evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height);
        return Math.abs(inner - outer);
      }).toBeLessThanOrEqual(1);
    }
    const heights = await frames.evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect().height));
    expect(heights[0]).not.toBe(680);
    expect(heights[0]).not.toBe(heights[1]);
    // No scrollbars inside: each document fits its frame.
    for (const i of [0, 1]) {
      const content = (await (await frames.nth(i).elementHandle())!.contentFrame())!;
      expect(await content.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    }
  } finally {
    await publisher.close();
  }
  expect(pageProblems).toEqual([]);
});

test("an oEmbed consumer's maxwidth and maxheight hold once the embed renders and resizes", async ({ page, baseURL, request, pageProblems }) => {
  const { id } = await saveView(baseURL!, 'Trucks queuing at Dandong', { crossing: DANDONG, metric: 'queue_vehicles' });
  const oembed = await (await request.get(`/oembed?url=${encodeURIComponent(`${baseURL}/embed/${id}`)}&maxwidth=420&maxheight=300`)).json();
  expect(oembed).toMatchObject({ width: 420, height: 300 });
  // The consumer pastes the html into a column wider than maxwidth.
  const publisher = await publisherPage(`<div style="width:800px">${oembed.html}</div>`);
  try {
    await page.goto(publisher.url);
    const frame = page.locator('iframe[data-landport-embed]');
    await frame.scrollIntoViewIfNeeded();
    await waitForEmbedMap((await (await frame.elementHandle())!.contentFrame())!);
    // The embed asks for its content height (more than 300 px at this width); the resizer has answered by now.
    await page.waitForTimeout(500);
    const box = await frame.evaluate((f) => f.getBoundingClientRect());
    expect(box.width).toBeLessThanOrEqual(420);
    expect(box.height).toBeLessThanOrEqual(300);
  } finally {
    await publisher.close();
  }
  expect(pageProblems).toEqual([]);
});

// In every locale: Korean and Chinese dates put the change on a line of its own, which must still fit.
for (const locale of ['en', 'ko', 'zh']) {
  test(`without the script, the fixed height of the snippet shows the whole embed at article width (locale ${locale})`, async ({ page, baseURL, pageProblems }) => {
    const { id, embedCode } = await saveView(baseURL!, 'Trucks queuing at Dandong', { crossing: DANDONG, metric: 'queue_vehicles' });
    const snippet = embedCode.replace(/<script[^>]*><\/script>/, '').replace(`/embed/${id}"`, `/embed/${id}?locale=${locale}"`);
    expect(snippet).toContain(`?locale=${locale}"`);
    const publisher = await publisherPage(`<div style="width:600px">${snippet}</div>`);
    try {
      await page.goto(publisher.url);
      const frame = page.locator('iframe[data-landport-embed]');
      const content = (await (await frame.elementHandle())!.contentFrame())!;
      await waitForEmbedMap(content);
      expect(await frame.evaluate((f) => f.getBoundingClientRect().height)).toBe(680);
      // Everything fits: nothing to scroll inside the frame.
      expect(await content.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(680);
    } finally {
      await publisher.close();
    }
    expect(pageProblems).toEqual([]);
  });
}

test('the dark flag changes the colours; the static flag turns interaction off', async ({ page, baseURL, pageProblems }) => {
  const { id } = await saveView(baseURL!, 'Dandong', { crossing: DANDONG, metric: 'queue_vehicles' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.goto(`/embed/${id}?dark=false`);
  await waitForEmbedMap(page);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.goto(`/embed/${id}?dark=true`);
  await waitForEmbedMap(page);
  expect(await background()).toBe('rgb(18, 20, 23)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/embed/${id}?dark=auto`);
  await waitForEmbedMap(page);
  expect(await background()).toBe('rgb(18, 20, 23)');
  const water = () => page.evaluate(() => (window as unknown as { landportEmbed: { map: { getPaintProperty(l: string, p: string): string } } }).landportEmbed.map.getPaintProperty('water', 'background-color'));
  expect(await water()).toBe('#17202a');
  // The reader switches to light while the article is open: page and map follow, no reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  expect(await water()).toBe('#c9dcea');

  const dragAcrossMap = async () => {
    const box = (await page.locator('#embed-map').boundingBox())!;
    const before = await page.evaluate(() => (window as unknown as EmbedWindow).landportEmbed!.map!.getCenter());
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 40, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => (window as unknown as EmbedWindow).landportEmbed!.map!.getCenter());
    return Math.abs(after.lng - before.lng) + Math.abs(after.lat - before.lat);
  };

  await page.goto(`/embed/${id}`);
  await waitForEmbedMap(page);
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  expect(await dragAcrossMap()).toBeGreaterThan(0.01);

  await page.goto(`/embed/${id}?static`);
  await waitForEmbedMap(page);
  await expect(page.getByRole('button', { name: 'Zoom in' })).toHaveCount(0);
  expect(await dragAcrossMap()).toBe(0);
  // A static map is a picture: it carries the summary sentence.
  await expect(page.locator('#embed-map')).toHaveAttribute('role', 'img');
  await expect(page.locator('#embed-map')).toHaveAttribute('aria-label', /^Map: Vehicles waiting at Sino-Korean Friendship Bridge/);

  await page.goto(`/embed/${id}?plain`);
  await waitForEmbedMap(page);
  // The title is the publisher's to show: off screen, kept for screen readers (the frame's own heading).
  expect(await page.locator('.embed-title').evaluate((h) => h.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  await expect(page.locator('.embed-footer')).toBeHidden();
  // Made-up data says so on screen, plain or not.
  await expect(page.locator('.embed-demo')).toHaveText('Demo data: these observations are made up, not real.');
  expect(pageProblems).toEqual([]);
});

test('the embed page is accessible, discoverable, and its data link downloads the CSV', async ({ page, baseURL, pageProblems }) => {
  const { id } = await saveView(baseURL!, 'Trucks queuing at <Dandong>', { crossing: DANDONG, metric: 'queue_vehicles' });
  await page.goto(`/embed/${id}?locale=ko`);
  await waitForEmbedMap(page);
  await expect(page.locator('h1')).toHaveText('Trucks queuing at <Dandong>');
  // Names follow the locale; the sentence for screen readers is there, and hidden from sight only.
  await expect(page.locator('#embed-summary')).toHaveText(/^Vehicles waiting at 중조우의교, [A-Z][a-z]{2} \d{4}: \d+/);
  await expect(page.locator('link[rel="alternate"][type="application/json+oembed"]')).toHaveAttribute(
    'href', `${baseURL}/oembed?url=${encodeURIComponent(`${baseURL}/embed/${id}`)}&format=json`,
  );
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${baseURL}/embed/${id}/image.png?width=1200&height=630`);
  // Names are Korean; the sentence around them is English, and the page says so.
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  // Months that stand alone (beside the figure, under the chart) follow the locale too.
  await expect(page.locator('.embed-month')).toHaveText(/^\d{4}년 \d{1,2}월$/);
  await expect(page.locator('.chart-tick').first()).toHaveText(/^\d{4}년 \d{1,2}월$/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Get the data (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`landport-${id}.csv`);
  const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0].replace(/^\ufeff/, '')).toBe('series,month,crossing_id,crossing_name,trade_reporter,trade_partner,metric,vehicle_class,unit,aggregation,value,observations,synthetic,methods,sources');
  const months = await page.evaluate(() => (JSON.parse(document.getElementById('landport-data')!.textContent!) as { months: string[] }).months);
  expect(csv.filter((line) => line.includes(`,${DANDONG},`))).toHaveLength(months.length);
  expect(pageProblems).toEqual([]);
});

test('on paper the live map gives way to the static image of the view', async ({ page, baseURL, pageProblems }) => {
  const { id } = await saveView(baseURL!, 'Dandong in print', { crossing: DANDONG, metric: 'queue_vehicles' });
  const printImage = page.locator('img.embed-print-image');
  const imageRequests: string[] = [];
  page.on('request', (r) => r.url().includes('/image.png') && imageRequests.push(r.url()));
  await page.goto(`/embed/${id}?dark=true`);
  await waitForEmbedMap(page);
  // On screen: hidden, and never downloaded.
  await expect(printImage).toBeHidden();
  expect(imageRequests).toEqual([]);

  await page.emulateMedia({ media: 'print' });
  await expect(printImage).toBeVisible();
  await expect(page.locator('#embed-map')).toBeHidden();
  await expect(page.locator('.embed-chart')).toBeHidden();
  // The light image whatever the screen theme, loaded and described by the summary.
  await expect.poll(() => printImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
  expect(imageRequests).toEqual([`${baseURL}/embed/${id}/image.png?width=1200&height=800`]);
  await expect(printImage).toHaveAttribute('alt', await page.locator('#embed-summary').textContent() ?? 'missing');
  await page.emulateMedia({ media: 'screen' });
  expect(pageProblems).toEqual([]);
});

test('an observation approved while the embed is open appears without a reload', async ({ page, baseURL, pageProblems }) => {
  const { id } = await saveView(baseURL!, 'Waits at the New Yalu River Bridge', { crossing: LIVE_AT, metric: 'wait_minutes' });
  await page.goto(`/embed/${id}`);
  await waitForEmbedMap(page);
  await expect(page.locator('.embed-value')).toHaveText('No approved observations');
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const observer = await apiAs(baseURL!, await createAccount(baseURL!, 'observer'));
  const posted = await observer.post('/api/observations', {
    data: { id: crypto.randomUUID(), crossingId: LIVE_AT, observedAt: '2025-11-10T08:00:00Z', metric: 'wait_minutes', value: 47, vehicleClass: 'truck', method: 'field', source: 'e2e observer at the bridge' },
  });
  expect(posted.status()).toBe(201);
  const { id: observationId } = (await posted.json()) as { id: string };
  await observer.dispose();
  // Submitted is not public: after a couple of refreshes the embed still shows nothing.
  const refreshes = await page.evaluate(() => (window as unknown as EmbedWindow).landportEmbed!.refreshes);
  await page.waitForFunction((n) => (window as unknown as EmbedWindow).landportEmbed!.refreshes >= n + 2, refreshes);
  await expect(page.locator('.embed-value')).toHaveText('No approved observations');

  const analyst = await apiAs(baseURL!, await (analystAccount ??= createAccount(baseURL!, 'analyst')));
  expect((await analyst.post('/api/review/decisions', { data: { ids: [observationId], action: 'approve' } })).status()).toBe(200);
  await analyst.dispose();
  // EMBED_REFRESH_SECONDS=1 and EMBED_CACHE_SECONDS=1 in playwright.config.ts: well inside 10 s.
  await expect(page.locator('.embed-value')).toHaveText('47', { timeout: 10_000 });
  await expect(page.locator('#embed-summary')).toHaveText('Wait (minutes) at New Yalu River Bridge (Dandong–Sinuiju), Nov 2025: 47');
  await expect(page.locator('.embed-source')).toContainText('observations: e2e observer at the bridge');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(pageProblems).toEqual([]);
});

test('an analyst saves the map view as an embed, sets its look with a live preview, and gets the code to paste', async ({ page, baseURL, pageProblems }) => {
  test.setTimeout(90_000);
  const analyst = await createAccount(baseURL!, 'analyst');
  await page.goto(`/?crossing=${DANDONG}&metric=queue_vehicles&map=8.00/40.1000/124.4000`);
  await page.getByRole('button', { name: 'Embed this view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.getByLabel('Email').fill(analyst.email);
  await dialog.getByLabel('Password').fill(analyst.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByLabel('Title shown above the embed')).toHaveValue('Vehicles queuing at Sino-Korean Friendship Bridge (Dandong–Sinuiju)');
  await dialog.getByLabel('Title shown above the embed').fill('Queue at the Friendship Bridge');
  await dialog.getByLabel(/^Description/).fill('For the explainer on border trade');
  await dialog.getByRole('button', { name: 'Save and set up the embed' }).click();
  const codeBox = dialog.getByLabel('Embed code');
  await expect(codeBox).toHaveValue(new RegExp(`^<iframe src="${baseURL}/embed/[0-9A-Za-z]{10}" title="Queue at the Friendship Bridge"`));
  const code = await codeBox.inputValue();
  expect(code).toContain(`<script async src="${baseURL}/embed.js"></script>`);
  const embedUrl = /src="([^"]+\/embed\/[0-9A-Za-z]{10})"/.exec(code)![1];

  // The preview is the embed itself, as a reader sees it.
  const preview = dialog.locator('iframe.embed-preview-frame');
  await expect(preview).toHaveAttribute('src', embedUrl);
  await expect(page.frameLocator('iframe.embed-preview-frame').locator('.embed-title')).toHaveText('Queue at the Friendship Bridge');
  await expectNoAxeViolations(page, 'embed dialog with its preview');

  // The flags are controls: each changes the snippet and the preview together.
  await dialog.getByLabel('Colours').selectOption('true');
  await dialog.getByLabel('Plain').check();
  await dialog.getByLabel('Numbers and dates').selectOption('ko');
  await dialog.getByLabel(/^Height/).fill('720');
  await dialog.getByLabel(/^Height/).blur();
  await expect(codeBox).toHaveValue(new RegExp(`src="${embedUrl}\\?dark=true&amp;plain&amp;locale=ko" .* height="720"`));
  await expect(preview).toHaveAttribute('src', `${embedUrl}?dark=true&plain&locale=ko`);
  await expect(page.frameLocator('iframe.embed-preview-frame').locator('html')).toHaveAttribute('data-theme', 'dark');

  const data = await (await page.request.get(`${embedUrl}/data.json`)).json();
  expect(data.view).toMatchObject({ crossing: DANDONG, metric: 'queue_vehicles', camera: { zoom: 8, lat: 40.1, lng: 124.4 } });
  expect(data.title).toBe('Queue at the Friendship Bridge');
  expect(pageProblems).toEqual([]);
});

test("an embed of a border headlines the analysis: its plain-words summary, and a nowcast when the server has one", async ({ page, baseURL, request, pageProblems }) => {
  // The trucks BTS counted end with the Census figures (2021-12): nothing awaits its figure, so no nowcast.
  const trucks = await saveView(baseURL!, 'Trucks entering from Mexico', { border: 'US-MX', metric: 'crossed_vehicles', flow: 'imports' });
  await page.goto(`/embed/${trucks.id}`);
  await waitForEmbedMap(page);
  const analysis = page.locator('.embed-analysis');
  await expect(analysis.locator('.embed-analysis-summary')).toContainText('track US imports from Mexico (r 0.90, n 24)');
  await expect(analysis.locator('.embed-nowcast')).toHaveCount(0);

  // Stored queue counts (made up, e2e/queue-test-data.ts) run one month past the last figure: the server nowcasts it.
  await storeQueueTestData(baseURL!);
  const api = (await (await request.get(`/api/analysis?${QUEUE_QUERY}`)).json()) as AnalysisDto;
  const next = api.nowcast[0];
  expect(next.month).toBe('2022-01');
  const queues = await saveView(baseURL!, 'Trucks queuing to enter from Mexico', { ...QUEUE_VIEW, flow: 'imports' });
  await page.goto(`/embed/${queues.id}`);
  await waitForEmbedMap(page);
  await expect(analysis.locator('.embed-nowcast')).toHaveText(
    `Nowcast for 2022-01: ${formatUsd(next.value)} (95 %: ${formatUsd(next.low)} – ${formatUsd(next.high)}), overdue since ${next.expectedPublication}`,
  );
  await expect(analysis.locator('.embed-analysis-summary')).toHaveText(api.summary);
  expect(pageProblems).toEqual([]);
});

test('an embed without trade figures to compare with shows no analysis', async ({ page, baseURL, pageProblems }) => {
  const { id } = await saveView(baseURL!, 'Trucks at a US–Canada port', { crossing: 'us-ca-port-0103', metric: 'crossed_vehicles' });
  await page.goto(`/embed/${id}`);
  await waitForEmbedMap(page);
  await expect(page.locator('.embed-analysis')).toBeHidden();
  expect(pageProblems).toEqual([]);
});
