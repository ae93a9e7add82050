import { expect } from '@playwright/test';
import { apiAs, createAccount } from './accounts.js';

/**
 * Made-up queue counts that the analysis specs store through the API, so the nowcast and the
 * real-versus-synthetic checks run on the server's own answers instead of answers rewritten in the browser.
 *
 * Why queue_vehicles at US–Mexico ports: no seeded data and no other spec uses that metric there, and the
 * default view (crossed_vehicles) never reads it. The ids are fixed, so storing twice (another spec, a rerun
 * against the same server) is a safe resend (`existing`), never a second copy.
 */
export const NOWCAST_PORT = 'us-mx-port-2402'; // El Paso
export const MIXED_PORT = 'us-mx-port-2604'; // Nogales
/** The analyst map's view of the stored nowcast series (keys as app/src/view-state.ts reads them). */
export const QUEUE_VIEW = { border: 'US-MX', metric: 'queue_vehicles', vehicleClass: 'truck' } as const;
export const QUEUE_QUERY = 'reporter=US&partner=MX&flow=imports&metric=queue_vehicles&vehicleClass=truck';

const SOURCE = 'e2e test data, made up';
const idFor = (n: number) => `00000000-0e2e-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** 2020-01 … 2022-01: US–Mexico trade ends 2021-12, so January 2022 has activity and no figure yet. */
const months = Array.from({ length: 25 }, (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

function observations() {
  const base = { vehicleClass: 'truck', metric: 'queue_vehicles' };
  // Northbound (MX → US, the direction US imports are read against): synthetic, one a month.
  const nowcast = months.map((month, i) => ({
    ...base, id: idFor(i + 1), crossingId: NOWCAST_PORT, observedAt: `${month}-15T12:00:00Z`,
    value: Math.round(300 + 60 * Math.sin(i / 2)), direction: { from: 'MX', to: 'US' },
    method: 'synthetic', source: SOURCE, notes: 'synthetic: made up for the end-to-end tests, not evidence',
  }));
  // Southbound at another port, which the imports analysis never reads: a synthetic January 2021 and real
  // (field) December 2021 and January 2022, so January 2022's year-over-year change would compare real with demo.
  const southbound = { ...base, crossingId: MIXED_PORT, direction: { from: 'US', to: 'MX' } };
  const mixed = [
    { ...southbound, id: idFor(101), observedAt: '2021-01-15T12:00:00Z', value: 80, method: 'synthetic', source: SOURCE, notes: 'synthetic: made up for the end-to-end tests' },
    { ...southbound, id: idFor(102), observedAt: '2021-12-15T12:00:00Z', value: 90, method: 'field', source: `${SOURCE} (a real-method reading)` },
    { ...southbound, id: idFor(103), observedAt: '2022-01-15T12:00:00Z', value: 120, method: 'field', source: `${SOURCE} (a real-method reading)` },
  ];
  return [...nowcast, ...mixed];
}

let stored: Promise<void> | null = null;

/** Stores and approves the test series once per worker (and harmlessly again in another). */
export function storeQueueTestData(baseURL: string): Promise<void> {
  stored ??= (async () => {
    const analyst = await apiAs(baseURL, await createAccount(baseURL, 'analyst'));
    const items = observations();
    const res = await analyst.post('/api/observations/batch', { data: { items } });
    expect(res.status()).toBe(200);
    const { results } = (await res.json()) as { results: { status: string; error?: unknown }[] };
    expect(results.filter((r) => r.status !== 'created' && r.status !== 'existing')).toEqual([]);
    const decided = await analyst.post('/api/review/decisions', { data: { ids: items.map((o) => o.id), action: 'approve' } });
    expect(decided.status()).toBe(200);
    await analyst.dispose();
  })();
  return stored;
}
