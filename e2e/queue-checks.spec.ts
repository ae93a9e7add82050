import { expect, test } from './fixtures.js';
import { apiAs, createAccount, signInOnPage } from './accounts.js';

const AT = 'cn-kp-changbai-hyesan';

test('the review queue shows queue physics checks beside a submission, and says which disagree', async ({ page, baseURL, pageProblems }) => {
  const observer = await apiAs(baseURL!, await createAccount(baseURL!, 'observer'));
  const base = { crossingId: AT, vehicleClass: 'truck', method: 'field', source: 'e2e queue check', direction: { from: 'CN', to: 'KP' } };
  // 40 trucks counted and a 2,500 m queue measured ten minutes apart: at 25 m a truck, 1,000 m was expected.
  for (const o of [
    { metric: 'queue_vehicles', value: 40, observedAt: '2025-12-03T08:00:00Z' },
    { metric: 'queue_length_m', value: 2500, observedAt: '2025-12-03T08:10:00Z' },
  ]) {
    expect((await observer.post('/api/observations', { data: { id: crypto.randomUUID(), ...base, ...o } })).status()).toBe(201);
  }
  await observer.dispose();

  await page.goto('/review/');
  await signInOnPage(page, await createAccount(baseURL!, 'analyst'));
  const card = page.locator('article.review-card').filter({ hasText: 'Queue length (m) 2,500' });
  const checks = card.getByRole('list', { name: 'Queue checks' });
  await expect(checks).toContainText('Check: Queue length against the vehicles counted: 2,500 m seen, 1,000 m expected (2.5 × apart');
  await expect(checks).toContainText('From 40 vehicles queued × 25 m per truck, 1 lane.');
  expect(pageProblems).toEqual([]);
});
