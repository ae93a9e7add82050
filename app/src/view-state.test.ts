import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from './view-state.js';

describe('view state in the URL', () => {
  it('round-trips a full view', () => {
    const view: ViewState = {
      crossing: 'cn-kp-dandong-sinuiju-friendship-bridge', border: 'CN-KP', flow: 'exports', month: '2025-11', from: '2024-01', to: '2025-12',
      metric: 'queue_vehicles', vehicleClass: 'truck', direction: 'CN-KP', method: 'field', status: 'approved',
      baseline: 'trailing12', view: 'table', lang: 'ko', camera: { zoom: 7.5, lat: 40.1164, lng: 124.3906 },
    };
    expect(parseViewState(serializeViewState(view))).toEqual(view);
  });

  it('writes nothing for the default view and reads nothing back as defaults', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW);
  });

  it('ignores malformed values instead of failing', () => {
    const v = parseViewState('?month=2025-13&metric=<script>&map=99/500/0&direction=china&crossing=a%20b&lang=fr&border=us-mx&flow=both');
    expect(v).toEqual(DEFAULT_VIEW);
  });

  it('keeps an older URL with metric=queue_vehicles, now that crossed_vehicles is the default', () => {
    expect(parseViewState('?metric=queue_vehicles').metric).toBe('queue_vehicles');
    expect(serializeViewState({ ...DEFAULT_VIEW, metric: 'queue_vehicles' })).toBe('?metric=queue_vehicles');
  });
});
