import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrency-limit.js';

describe('concurrencyLimit', () => {
  it('never runs more than n tasks at once, and runs them all', async () => {
    const limit = concurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const task = (ms: number) => limit(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return ms;
    });
    expect(await Promise.all([task(20), task(5), task(10), task(1), task(3)])).toEqual([20, 5, 10, 1, 3]);
    expect(peak).toBe(2);
  });
});
