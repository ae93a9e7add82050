import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { pollCbp } from './cbp-poller.js';

// Snapshots in CBP's bwtnew layout with made-up values, served from this machine: nothing reaches the internet.
const lanes = (update: string, standard: string, fast: string) => ({
  maximum_lanes: '10',
  standard_lanes: { update_time: update, operational_status: 'delay', delay_minutes: standard, lanes_open: '6' },
  FAST_lanes: { update_time: update, operational_status: 'no delay', delay_minutes: fast, lanes_open: '' },
});
const snapshot = (update: string, standard: string) => [
  { port_number: '250601', border: 'Mexican Border', port_name: 'Otay Mesa', crossing_name: 'Commercial', date: '07/04/2025', time: '12:00:00', commercial_vehicle_lanes: lanes(update, standard, '5') },
  { port_number: '380001', border: 'Canadian Border', port_name: 'Detroit', crossing_name: 'Ambassador Bridge', date: '07/04/2025', time: '12:00:00', commercial_vehicle_lanes: lanes('At 3:00 pm EDT', 'N/A', '') },
];

let t: TestApp;
let server: http.Server;
let url: string;
let served: unknown = snapshot('At Noon PDT', '45');

beforeAll(async () => {
  t = await startTestApp();
  server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(served)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/bwtnewdata`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

describe('CBP Border Wait Times poller', () => {
  it('stores the commercial lanes\' waits at the port, at the instant the feed names, approved', async () => {
    const r = await pollCbp(t.db.prisma, url);
    expect(r).toMatchObject({ repeated: false, ports: 2, readings: 2, created: 2, existing: 0, crossingsCreated: 1, problems: [] });
    const rows = await t.db.prisma.observation.findMany({ orderBy: { measure: 'asc' } });
    expect(rows.map((o) => [o.crossingId, o.measure, o.value, o.observedAt.toISOString(), o.metric, o.method, o.status, o.directionFrom, o.directionTo])).toEqual([
      ['us-mx-port-2506', 'commercial FAST lanes', 5, '2025-07-04T19:00:00.000Z', 'wait_minutes', 'feed', 'approved', 'MX', 'US'],
      ['us-mx-port-2506', 'commercial standard lanes', 45, '2025-07-04T19:00:00.000Z', 'wait_minutes', 'feed', 'approved', 'MX', 'US'],
    ]);
    expect(rows[1].notes).toBe('Commercial (port number 250601); 6 lanes open; delay');
    const crossing = await t.db.prisma.crossing.findUnique({ where: { id: 'us-mx-port-2506' } });
    expect(crossing).toMatchObject({ nameEn: 'Otay Mesa', countryA: 'US', countryB: 'MX', lat: null, lon: null });
  });

  it('stores nothing when the snapshot repeats, or repeats a reading in new bytes', async () => {
    const same = await pollCbp(t.db.prisma, url);
    expect(same).toMatchObject({ repeated: true, created: 0 });
    served = [...snapshot('At Noon PDT', '45'), { port_number: '999901', border: 'Mexican Border', date: '07/04/2025', commercial_vehicle_lanes: {} }];
    const reordered = await pollCbp(t.db.prisma, url);
    expect(reordered).toMatchObject({ repeated: false, created: 0, existing: 2 });
    expect(await t.db.prisma.observation.count()).toBe(2);
  });

  it('stores the next update as new readings', async () => {
    served = snapshot('At 1:00 pm PDT', '60');
    const next = await pollCbp(t.db.prisma, url);
    expect(next).toMatchObject({ created: 2, existing: 0 });
    const latest = await t.request.get('/api/observations').query({ crossing: 'us-mx-port-2506', metric: 'wait_minutes' }).expect(200);
    const standard = latest.body.items.find((o: { measure: string }) => o.measure === 'commercial standard lanes');
    expect(standard).toMatchObject({ value: 60, observedAt: '2025-07-04T20:00:00.000Z' });
  });

  it('reports a broken port by position and a feed that is down as an error', async () => {
    served = [{ port_number: 'abc', border: 'Mexican Border', date: '07/04/2025' }, ...snapshot('At 2:00 pm PDT', '30')];
    const r = await pollCbp(t.db.prisma, url);
    expect(r.problems).toEqual([{ index: 0, fields: [{ path: 'port_number', message: 'must be six digits' }] }]);
    expect(r.created).toBe(2);
    await expect(pollCbp(t.db.prisma, 'http://127.0.0.1:9/nothing', 2000)).rejects.toThrow();
  });
});
