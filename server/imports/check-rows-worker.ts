import { parentPort, workerData } from 'node:worker_threads';
import { HttpError } from '../http/http-error.js';
import { checkRows, type CheckInput } from './check-rows.js';

// The worker thread's side of check-rows-in-worker.ts: checks the file and posts what it found, a chunk at a time.

/** Chunks checked ahead of the importer: one, checked while the database writes the last (memory stays bounded). */
let credit = 1;
let wake: (() => void) | null = null;
parentPort!.on('message', () => {
  credit++;
  wake?.();
});

try {
  for await (const event of checkRows(workerData as CheckInput)) {
    if (event.type === 'chunk') {
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
    }
    parentPort!.postMessage(event);
  }
  parentPort!.postMessage({ type: 'done' });
} catch (err) {
  // An HttpError (a bad header, too many rows) keeps its status across the thread boundary.
  const http = err instanceof HttpError ? { status: err.status, code: err.code, details: err.details } : undefined;
  parentPort!.postMessage({ type: 'failed', message: (err as Error).message ?? String(err), http });
}
