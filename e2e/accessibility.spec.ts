import { expect, test } from './fixtures.js';
import { expectNoAxeViolations } from './axe.js';
import { waitForMapIdle } from './map-helpers.js';

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`the analyst map with its customs analysis has no axe violations at ${viewport.width}×${viewport.height}`, async ({ page, pageProblems }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await waitForMapIdle(page);
    await expect(page.getByRole('region', { name: 'What activity says about customs' })).toBeVisible();
    await expectNoAxeViolations(page, 'the map, default view');
    expect(pageProblems).toEqual([]);
  });
}
