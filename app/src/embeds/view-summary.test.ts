import { describe, expect, it } from 'vitest';
import type { SavedViewSettings } from '../../../server/contracts/views.js';
import { parseViewState } from '../view-state.js';
import { describeView, formatMonth, mapUrlOf, monthsText } from './view-summary.js';

const VIEW: SavedViewSettings = {
  crossing: null, month: null, from: null, to: null, metric: 'queue_vehicles', vehicleClass: null, direction: null,
  method: null, baseline: 'previous', border: null, flow: 'imports', camera: null,
};
const names = (id: string) => (id === 'cn-kp-dandong' ? 'Sino-Korean Friendship Bridge' : null);

describe('formatMonth and monthsText', () => {
  it('writes months in words, whatever the time zone', () => {
    expect(formatMonth('2025-01')).toBe('Jan 2025');
    expect(formatMonth('2024-12')).toBe('Dec 2024');
  });

  it('names the slider month and the time window around it', () => {
    expect(monthsText(VIEW)).toBe('Latest month with data');
    expect(monthsText({ month: '2025-03', from: null, to: null })).toBe('Mar 2025');
    expect(monthsText({ month: '2025-03', from: '2025-01', to: '2025-06' })).toBe('Mar 2025, in Jan 2025 – Jun 2025');
    expect(monthsText({ month: null, from: '2025-01', to: null })).toBe('Latest month with data, from Jan 2025');
    expect(monthsText({ month: null, from: null, to: '2025-06' })).toBe('Latest month with data, up to Jun 2025');
  });
});

describe('describeView', () => {
  it('names the crossing, else the border, else says the default border is shown', () => {
    expect(describeView({ ...VIEW, crossing: 'cn-kp-dandong' }, names).place).toBe('Sino-Korean Friendship Bridge');
    expect(describeView({ ...VIEW, crossing: 'us-mx-unknown' }, names).place).toBe('us-mx-unknown');
    expect(describeView({ ...VIEW, border: 'US-MX' }, names).place).toBe('all United States – Mexico crossings');
    expect(describeView(VIEW, names).place).toMatch(/default border/);
  });

  it('uses the map filter’s metric words and lists only the filters that narrow the view', () => {
    const summary = describeView({ ...VIEW, metric: 'crossed_vehicles', vehicleClass: 'rail_wagon', direction: 'CN-KP' }, names);
    expect(summary.metric).toBe('Vehicles crossing');
    expect(summary.filters).toEqual(['vehicle class: rail wagon', 'direction: China to North Korea']);
    expect(describeView(VIEW, names).filters).toEqual([]);
  });
});

describe('mapUrlOf', () => {
  it('opens the map on the same view the embed was saved from', () => {
    const saved: SavedViewSettings = {
      ...VIEW, crossing: 'cn-kp-dandong', month: '2025-03', from: '2025-01', to: '2025-06', border: 'CN-KP', flow: 'exports',
      baseline: 'trailing12', method: 'field', camera: { zoom: 6.5, lat: 40.1, lng: 124.4 },
    };
    const url = mapUrlOf(saved);
    expect(url.startsWith('/?')).toBe(true);
    const parsed = parseViewState(url.slice(1));
    expect(parsed).toMatchObject({ ...saved, status: null, view: 'map', lang: null });
  });

  it('keeps a metric the map does not default to', () => {
    // The map's default metric is crossed_vehicles; a saved queue view must say queue_vehicles in its URL.
    expect(mapUrlOf(VIEW)).toBe('/?metric=queue_vehicles');
  });
});
