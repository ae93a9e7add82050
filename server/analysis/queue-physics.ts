import type { QueueCheck } from '../contracts/review.js';

/**
 * Metres one queued truck takes in a lane, by default: measured queues give 900 trucks over 23 km at the
 * Lithuanian–Belarusian border (25.6 m each) and 600 over 15 km at Bobrowniki (25 m). Settable per crossing.
 */
export const DEFAULT_QUEUE_SPACING_M = 25;
export const DEFAULT_QUEUE_LANES = 1;
/** Two estimates of the same queue further apart than this factor disagree. */
export const DISAGREEMENT_FACTOR = 2;

export type QueueGeometry = { spacingM: number; lanes: number };

/** A crossing's queue geometry, its own settings or the defaults. */
export const queueGeometry = (c: { queueSpacingM: number | null; queueLanes: number | null }): QueueGeometry => ({
  spacingM: c.queueSpacingM ?? DEFAULT_QUEUE_SPACING_M,
  lanes: c.queueLanes ?? DEFAULT_QUEUE_LANES,
});

/** Queue length a count of waiting vehicles implies: vehicles × spacing ÷ lanes. */
export const lengthForVehicles = (vehicles: number, g: QueueGeometry) => (vehicles * g.spacingM) / g.lanes;

/** Waiting vehicles a queue length implies: length × lanes ÷ spacing. */
export const vehiclesForLength = (lengthM: number, g: QueueGeometry) => (lengthM * g.lanes) / g.spacingM;

/** Little's law: the wait (minutes) ≈ vehicles queued ÷ throughput (vehicles per hour) × 60. */
export const littleWaitMinutes = (queued: number, perHour: number) => (queued / perHour) * 60;

/** How many times apart two non-negative estimates are: 1 when equal (both 0 too), Infinity when one is 0. */
export function timesApart(a: number, b: number): number {
  if (a === b) return 1;
  if (a <= 0 || b <= 0) return Infinity;
  return Math.max(a, b) / Math.min(a, b);
}

export type { QueueCheck };

type Reading = { id: string; value: number };

/**
 * Cross-checks of one queue observation against what was seen near it (docs/analysis.md): a queue length
 * against a count of queued vehicles (spacing per lane), and a wait against Little's law (vehicles queued ÷
 * throughput). Each check says the two figures and whether they agree within a factor of 2. Nothing is
 * changed: reviewers read these as checks.
 */
export function queueChecks(
  o: { metric: string; value: number },
  near: { queueVehicles?: Reading; queueLengthM?: Reading; waitMinutes?: Reading; throughputPerHour?: Reading },
  g: QueueGeometry,
): QueueCheck[] {
  const out: QueueCheck[] = [];
  const add = (check: QueueCheck['check'], unit: QueueCheck['unit'], observed: number, expected: number, from: string[], explanation: string) => {
    const apart = timesApart(observed, expected);
    // JSON has no Infinity (JSON.stringify writes null): said so here, as the contract does.
    out.push({ check, unit, observed, expected, timesApart: Number.isFinite(apart) ? apart : null, agrees: apart <= DISAGREEMENT_FACTOR, from, explanation });
  };
  const num = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 1 });
  const geometry = `${g.spacingM} m per truck, ${g.lanes} lane${g.lanes === 1 ? '' : 's'}`;
  if (o.metric === 'queue_length_m' && near.queueVehicles) {
    add('length-vs-count', 'm', o.value, lengthForVehicles(near.queueVehicles.value, g), [near.queueVehicles.id],
      `${num(near.queueVehicles.value)} vehicles queued × ${geometry}`);
  }
  if (o.metric === 'queue_vehicles' && near.queueLengthM) {
    add('length-vs-count', 'vehicles', o.value, vehiclesForLength(near.queueLengthM.value, g), [near.queueLengthM.id],
      `a ${num(near.queueLengthM.value)} m queue measured ÷ ${geometry}`);
  }
  // Little's law ties the three together: check whenever this observation is the wait or the queue in it.
  const self = { id: 'this', value: o.value };
  const wait = o.metric === 'wait_minutes' ? self : near.waitMinutes;
  const count = o.metric === 'queue_vehicles' ? self : near.queueVehicles;
  const length = o.metric === 'queue_length_m' ? self : near.queueLengthM;
  const queued = count
    ? { n: count.value, id: count.id, how: `${num(count.value)} vehicles queued` }
    : length
      ? { n: vehiclesForLength(length.value, g), id: length.id, how: `a ${num(length.value)} m queue (${geometry})` }
      : null;
  const throughput = near.throughputPerHour;
  if (wait && queued && throughput && throughput.value > 0 && (wait === self || queued.id === 'this')) {
    add('wait-vs-littles-law', 'min', wait.value, littleWaitMinutes(queued.n, throughput.value),
      [queued.id, throughput.id, wait.id].filter((id) => id !== 'this'),
      `${queued.how} ÷ ${num(throughput.value)} vehicles an hour crossing, against a ${num(wait.value)}-minute wait`);
  }
  return out;
}
