import { EventEmitter } from 'node:events';

/**
 * Hints inside one process: "a delivery was queued" wakes the worker at once, "data changed" makes the
 * analysis watch look again soon. Never needed for correctness: the worker polls and the watch runs on a
 * timer too, so a hint lost (another server wrote, or the process died) only delays.
 */
export const webhookSignals = new EventEmitter();
webhookSignals.setMaxListeners(50);

export const signalQueued = () => webhookSignals.emit('queued');
export const signalDataChanged = () => webhookSignals.emit('data-changed');
