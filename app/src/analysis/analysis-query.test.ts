import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '../view-state.js';
import { analysisQuery, borderKey, parseBorder } from './analysis-query.js';

describe('analysisQuery', () => {
  it('asks for the whole border when no crossing is selected', () => {
    expect(analysisQuery({ ...DEFAULT_VIEW, flow: 'exports', to: '2021-10' }, ['US', 'MX'], null)).toEqual({
      reporter: 'US', partner: 'MX', flow: 'exports', metric: 'crossed_vehicles', vehicleClass: null, method: null, from: null, to: '2021-10',
    });
  });

  it("asks for the selected crossing, with the border's reporter when the crossing is on that border", () => {
    const view = { ...DEFAULT_VIEW, crossing: 'us-mx-port-2304' };
    expect(analysisQuery(view, ['US', 'MX'], ['US', 'MX'])).toMatchObject({ crossing: 'us-mx-port-2304', reporter: 'US' });
    expect(analysisQuery(view, ['CN', 'KP'], ['US', 'MX'])).toMatchObject({ crossing: 'us-mx-port-2304', reporter: null });
    expect(analysisQuery(view, ['US', 'MX'], ['US', 'MX'])).not.toHaveProperty('partner');
  });

  it('has nothing to ask before the borders are known', () => {
    expect(analysisQuery(DEFAULT_VIEW, null, null)).toBeNull();
  });
});

describe('border keys', () => {
  it('round-trip reporter first and refuse anything else', () => {
    expect(parseBorder(borderKey(['CN', 'KP']))).toEqual(['CN', 'KP']);
    expect(parseBorder('cn-kp')).toBeNull();
    expect(parseBorder(null)).toBeNull();
  });
});
