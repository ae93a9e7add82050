import { test as base, expect } from '@playwright/test';

/**
 * Every page in these tests records console errors and any request that leaves the machine;
 * a test fails if either happened.
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
        problems.push(`request left localhost: ${req.url()}`);
      }
    });
    await use(problems);
    expect(problems).toEqual([]);
  },
});

export { expect };
