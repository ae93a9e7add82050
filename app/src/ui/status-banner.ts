import { t } from '../i18n/t.js';
import { el } from './dom.js';

/** Says what is loading and what failed, with a retry: the map is never silently blank. */
export class StatusBanner {
  private readonly pending = new Map<string, string>();
  private readonly failed = new Map<string, { message: string; retry: () => void }>();

  constructor(private readonly root: HTMLElement) {}

  loading(key: string, what: string) {
    this.failed.delete(key);
    this.pending.set(key, what);
    this.render();
  }

  done(key: string) {
    this.pending.delete(key);
    this.failed.delete(key);
    this.render();
  }

  fail(key: string, what: string, reason: string, retry: () => void) {
    this.pending.delete(key);
    this.failed.set(key, { message: t('loadFailed', { what, reason }), retry });
    this.render();
  }

  /** Runs one load under `key`: loading while it runs, an error with a retry if it fails; null when it failed or was aborted. */
  async track<T>(key: string, what: string, run: () => Promise<T>, retry: () => void): Promise<T | null> {
    this.loading(key, what);
    try {
      const result = await run();
      this.done(key);
      return result;
    } catch (err) {
      // A newer request replaced this one: not a failure to show.
      if ((err as Error).name === 'AbortError') return null;
      this.fail(key, what, (err as Error).message, retry);
      return null;
    }
  }

  private render() {
    this.root.replaceChildren(
      ...[...this.pending.values()].map((what) => el('p', { className: 'status-loading' }, t('loading', { what }))),
      ...[...this.failed.values()].map(({ message, retry }) => {
        const button = el('button', { type: 'button' }, t('retry'));
        button.addEventListener('click', retry);
        return el('p', { className: 'status-error', role: 'alert' }, message, ' ', button);
      }),
    );
    this.root.hidden = this.pending.size === 0 && this.failed.size === 0;
  }
}
