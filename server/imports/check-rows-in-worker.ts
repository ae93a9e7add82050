import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/http-error.js';
import type { CheckEvent, CheckInput } from './check-rows.js';

type WorkerMessage =
  | CheckEvent
  | { type: 'done' }
  | { type: 'failed'; message: string; http?: { status: number; code: string; details?: unknown } };

/**
 * checkRows on a worker thread: the same events, while this thread writes. For a database that works on this
 * thread (Database.runsOnMainThread: PGlite), reading, checking and rendering a large file's rows took 30 % of
 * an import's time, serially with the writing; on a thread of its own it overlaps it (docs/performance.md).
 * Starting the thread costs 0.7–0.9 s, so small files are checked in place.
 */
export async function* checkRowsInWorker(input: CheckInput): AsyncGenerator<CheckEvent> {
  const worker = new Worker(new URL('./check-rows-worker-boot.mjs', import.meta.url), { workerData: input });
  const inbox: WorkerMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const arrived = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    inbox.push(m);
    arrived();
  });
  worker.on('error', (err) => {
    failure = err;
    arrived();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the row checker's thread stopped (exit code ${code})`);
    arrived();
  });
  try {
    for (;;) {
      while (!inbox.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift();
      if (!m) throw failure!;
      if (m.type === 'done') return;
      if (m.type === 'failed') throw m.http ? new HttpError(m.http.status, m.http.code, m.message, m.http.details) : new Error(m.message);
      // Taken: the worker may check the next chunk.
      if (m.type === 'chunk') worker.postMessage('next');
      yield m;
    }
  } finally {
    await worker.terminate();
  }
}
