import type { Logger } from '../logger.js';

/**
 * Runs `job` one run at a time: a wake-up while it runs makes exactly one more run after it (so a change seen
 * mid-run is not missed), and a failed run is logged, never thrown into a timer.
 */
export function serialRuns(job: () => Promise<unknown>, logger: Logger, what: string) {
  let stopped = false;
  let running: Promise<unknown> | null = null;
  let again = false;
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = job()
      .catch((err) => logger.error({ err }, `${what} failed`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  return {
    wake,
    /** The run in progress, if any. */
    current: () => running,
    /** No more runs; resolves when the one in progress has ended. */
    async stop() {
      stopped = true;
      await running;
    },
    get stopped() {
      return stopped;
    },
  };
}
