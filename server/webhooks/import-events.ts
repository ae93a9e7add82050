import { enqueueWebhookEvent, type EventWriter } from './enqueue.js';
import { signalDataChanged, signalQueued } from './signals.js';

/** What `import.committed` says about an import (docs/webhooks.md). */
export type ImportCommitted = {
  kind: 'observations' | 'bts' | 'trade' | 'cbp' | 'cbp-poll';
  importId?: string | null;
  fileName?: string | null;
  rowsTotal?: number;
  created: number;
  existing: number;
  invalid?: number;
  /** Trade figures only: values that replaced an earlier one from the same source. */
  revisions?: number;
};

/**
 * Queues `import.committed` in the import's own transaction, when it stored something new (a repeated file is
 * no news). The wake-ups are hints only: if they come before the commit, the worker's next poll finds the event.
 */
export async function queueImportCommitted(tx: EventWriter, data: ImportCommitted): Promise<void> {
  if (data.created === 0 && !data.revisions) return;
  await enqueueWebhookEvent(tx, 'import.committed', data);
  signalQueued();
  signalDataChanged();
}
