import { describe, expect, it } from 'vitest';
import { readCbpSnapshot, resolveUpdateTime } from './cbp-snapshot.js';

describe('resolveUpdateTime', () => {
  it('resolves the zone CBP names, daylight time included', () => {
    expect(resolveUpdateTime('07/04/2025', 'At Noon EDT')?.toISOString()).toBe('2025-07-04T16:00:00.000Z');
    expect(resolveUpdateTime('01/15/2025', 'At 1:00 pm PST')?.toISOString()).toBe('2025-01-15T21:00:00.000Z');
    expect(resolveUpdateTime('03/09/2025', 'At Midnight CST')?.toISOString()).toBe('2025-03-09T06:00:00.000Z');
    expect(resolveUpdateTime('11/02/2025', 'At 12:30 am MDT')?.toISOString()).toBe('2025-11-02T06:30:00.000Z');
    expect(resolveUpdateTime('12/31/2025', 'At 11 pm AKST')?.toISOString()).toBe('2026-01-01T08:00:00.000Z');
  });

  it('gives nothing for what names no instant', () => {
    expect(resolveUpdateTime('07/04/2025', 'Pending Update')).toBeNull();
    expect(resolveUpdateTime('07/04/2025', 'At Noon')).toBeNull();
    expect(resolveUpdateTime('07/04/2025', 'At 13:00 pm EDT')).toBeNull();
    expect(resolveUpdateTime('02/30/2025', 'At Noon EST')).toBeNull();
    expect(resolveUpdateTime('2025-07-04', 'At Noon EDT')).toBeNull();
  });
});

describe('readCbpSnapshot', () => {
  // Made-up values in CBP's bwtnew layout (every value a string; "N/A" and "" are missing).
  const port = (over: Record<string, unknown> = {}) => ({
    port_number: '250601', border: 'Mexican Border', port_name: 'Otay Mesa', crossing_name: 'Commercial', date: '07/04/2025', time: '12:00:00',
    commercial_vehicle_lanes: {
      maximum_lanes: '10',
      standard_lanes: { update_time: 'At Noon PDT', operational_status: 'delay', delay_minutes: '45', lanes_open: '6' },
      FAST_lanes: { update_time: 'At Noon PDT', operational_status: 'no delay', delay_minutes: '0', lanes_open: '2' },
    },
    ...over,
  });

  it('reads standard and FAST commercial lanes, skipping missing delays', () => {
    const { readings, problems } = readCbpSnapshot([
      port(),
      port({ port_number: '070101', border: 'Canadian Border', commercial_vehicle_lanes: { standard_lanes: { update_time: '', operational_status: 'N/A', delay_minutes: 'N/A', lanes_open: '' } } }),
    ]);
    expect(problems).toEqual([]);
    expect(readings.map((r) => [r.portCode, r.lane, r.delayMinutes, r.lanesOpen, r.observedAt.toISOString()])).toEqual([
      ['2506', 'standard', 45, 6, '2025-07-04T19:00:00.000Z'],
      ['2506', 'FAST', 0, 2, '2025-07-04T19:00:00.000Z'],
    ]);
  });

  it('takes a time later than the fetch, on a snapshot dated after midnight, as the day before', () => {
    const late = port({ date: '07/05/2025', commercial_vehicle_lanes: { standard_lanes: { update_time: 'At 11:00 pm PDT', delay_minutes: '30' } } });
    const { readings } = readCbpSnapshot([late], new Date('2025-07-05T07:20:00Z'));
    expect(readings[0].observedAt.toISOString()).toBe('2025-07-05T06:00:00.000Z');
  });

  it('reports a malformed port by position and reads the rest', () => {
    const { readings, problems } = readCbpSnapshot([port({ port_number: 'x', border: 'Moon' }), port()]);
    expect(problems).toEqual([{ index: 0, fields: [{ path: 'port_number', message: 'must be six digits' }, { path: 'border', message: 'must be the Mexican or the Canadian border' }] }]);
    expect(readings).toHaveLength(2);
    // A name the crossing would take as it is: PostgreSQL refuses a NUL, so the port is refused by name here.
    expect(readCbpSnapshot([port({ port_name: 'Otay\u0000Mesa', crossing_name: '\ud800' })]).problems).toEqual([{ index: 0, fields: [
      { path: 'port_name', message: 'must not contain the NUL character (U+0000)' },
      { path: 'crossing_name', message: 'must be well-formed Unicode (a lone surrogate such as \\ud800 is not)' },
    ] }]);
    expect(readCbpSnapshot({ error: 'down' }).problems[0].fields[0].message).toBe('the snapshot is not a JSON array of ports');
  });
});
