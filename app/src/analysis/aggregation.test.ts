import { describe, expect, it } from 'vitest';
import { aggregationOf } from './aggregation.js';

describe('aggregationOf', () => {
  it('says crossings add up over a month and queues, waits and lengths are averaged', () => {
    expect(aggregationOf('crossed_vehicles')).toBe('total');
    expect(['queue_vehicles', 'wait_minutes', 'queue_length_m'].map(aggregationOf)).toEqual(['mean', 'mean', 'mean']);
  });
});
