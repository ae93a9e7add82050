import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every page in these tests records console errors and any request that leaves the machine;
 * a test fails if either happened.
 */
export const test = base.extend<{ pageProblems: string[]; cspViolations: string[] }>({
  // In every test, on every page: the Content-Security-Policy must never have to block anything we serve ourselves.
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) =>
        page.on('console', (msg) => {
          if (/Content.Security.Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
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
