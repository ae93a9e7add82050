import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from './fixtures.js';
import { waitForMapIdle } from './map-helpers.js';

// axe-core (a devDependency) is injected with page.evaluate: the page's script CSP blocks a <script> tag.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`the analyst map with its customs analysis has no axe violations at ${viewport.width}×${viewport.height}`, async ({ page, pageProblems }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await waitForMapIdle(page);
    await expect(page.getByRole('region', { name: 'What activity says about customs' })).toBeVisible();
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    ) as AxeResult;
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    expect(found).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
}
