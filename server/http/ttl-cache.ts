/**
 * A small in-process cache with a time to live and a size bound (least recently used out).
 * It holds promises, so a burst of requests for an expired key runs the work once.
 * Entries are copies of what the database says; a second server has its own and agrees
 * within the time to live (docs/architecture.md).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expires: number }>();
  private lastSweep = 0;

  constructor(private readonly maxEntries: number, private readonly ttlMs: number) {}

  get size() {
    return this.entries.size;
  }

  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    this.sweepExpired(now);
    const value = load();
    this.entries.set(key, { value, expires: now + this.ttlMs });
    // A failure is not cached: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Drops a key at once (its source changed): the next `get` loads it again. */
  delete(key: string) {
    this.entries.delete(key);
  }

  /** Expired entries would otherwise stay until the size bound pushes them out: dropped once per time to live. */
  private sweepExpired(now: number) {
    if (now - this.lastSweep < this.ttlMs) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
  }
}
