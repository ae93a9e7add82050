import { describe, expect, it } from 'vitest';
import { parseBtsRow } from './bts-row.js';

const current = {
  'Port Name': 'Alcan', State: 'Alaska', 'Port Code': '3104', Border: 'US-Canada Border', Date: '2020-01-01',
  Measure: 'Truck Containers Empty', Value: '430', Latitude: '62.615', Longitude: '-141.001', Point: 'POINT (-141.001444 62.614961)',
};

describe('parseBtsRow', () => {
  it('reads the current layout, taking the precise point', () => {
    expect(parseBtsRow(current)).toEqual({ record: {
      portCode: '3104', portName: 'Alcan', state: 'Alaska', neighbour: 'CA', month: '2020-01', measure: 'Truck Containers Empty',
      value: 430, lon: -141.001444, lat: 62.614961,
    } });
  });

  it('reads the older layout: one Location column, US dates, Full for Loaded', () => {
    const older = {
      'Port Name': 'Laredo', State: 'Texas', 'Port Code': '2304', Border: 'US-Mexico Border', Date: '03/01/2019 12:00:00 AM',
      Measure: 'Truck Containers Full', Value: '165000', Location: 'POINT (-99.507 27.5)',
    };
    expect(parseBtsRow(older)).toEqual({ record: {
      portCode: '2304', portName: 'Laredo', state: 'Texas', neighbour: 'MX', month: '2019-03', measure: 'Truck Containers Loaded',
      value: 165000, lon: -99.507, lat: 27.5,
    } });
  });

  it('restores the leading zero some copies drop from port codes', () => {
    const r = parseBtsRow({ ...current, 'Port Code': '708' });
    expect('record' in r && r.record.portCode).toBe('0708');
  });

  it('names every wrong field', () => {
    const r = parseBtsRow({ ...current, 'Port Code': '31', Border: 'US-Moon Border', Date: '2020-01-15', Measure: 'Camels', Value: '-3' });
    expect('issues' in r && r.issues.map((i) => i.path)).toEqual(['Port Code', 'Border', 'Measure', 'Value', 'Date']);
    const missing = parseBtsRow({ ...current, Value: '' });
    expect('issues' in missing && missing.issues).toEqual([{ path: 'Value', message: 'is required' }]);
  });
});
