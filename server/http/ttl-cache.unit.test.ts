import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('runs the loader once per key until the entry expires', async () => {
    const cache = new TtlCache<number>(10, 1000);
    let calls = 0;
    const load = async () => ++calls;
    const burst = await Promise.all([cache.get('a', load, 0), cache.get('a', load, 10), cache.get('a', load, 999)]);
    expect(burst).toEqual([1, 1, 1]);
    expect(await cache.get('a', load, 1000)).toBe(2);
  });

  it('drops the least recently used entry beyond its size, and never keeps a failure', async () => {
    const cache = new TtlCache<string>(2, 1000);
    await cache.get('a', async () => 'a1', 0);
    await cache.get('b', async () => 'b1', 0);
    await cache.get('a', async () => 'a2', 1);
    await cache.get('c', async () => 'c1', 2);
    expect(await cache.get('b', async () => 'b2', 3)).toBe('b2');
    expect(await cache.get('a', async () => 'a3', 3)).toBe('a3');
    await expect(cache.get('x', async () => { throw new Error('db down'); }, 0)).rejects.toThrow('db down');
    await Promise.resolve();
    expect(await cache.get('x', async () => 'x2', 1)).toBe('x2');
  });

  it('lets go of expired entries when new ones come, not only at its size bound', async () => {
    const cache = new TtlCache<string>(100, 1000);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key, 0);
    expect(cache.size).toBe(3);
    await cache.get('d', async () => 'd', 5000);
    expect(cache.size).toBe(1);
  });

  it('forgets a deleted key at once, within its time to live', async () => {
    const cache = new TtlCache<string>(100, 60_000);
    expect(await cache.get('a', async () => 'old', 0)).toBe('old');
    expect(await cache.get('a', async () => 'new', 1)).toBe('old');
    cache.delete('a');
    expect(await cache.get('a', async () => 'new', 2)).toBe('new');
  });
});
