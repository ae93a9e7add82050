import { expect, test } from './fixtures.js';

test('the landing page loads the server status and the reference crossings, without console errors', async ({ page, pageProblems }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'landport', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('on the embedded database');
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Sino-Korean Friendship Bridge/ })).toContainText('中朝友谊桥');
  await expect(table.getByRole('row', { name: /Kaishantun–Sambong/ })).toContainText('unknown');
  // The first run loads the synthetic demo set: the page must say it is made up.
  await expect(page.getByText(/made up for illustration/)).toBeVisible();
  expect(pageProblems).toEqual([]);
});
