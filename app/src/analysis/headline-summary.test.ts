import { describe, expect, it } from 'vitest';
import { describeChange, describeHeadline, metricPhrase, previousMonth, type HeadlineFacts } from './headline-summary.js';

const facts: HeadlineFacts = {
  metric: 'queue_vehicles', vehicleClass: 'truck', place: 'Sino-Korean Friendship Bridge', month: '2025-11',
  value: 120, change: 0.18, baseline: 'previous', range: { from: '2025-01', to: '2025-11' }, synthetic: false, locale: 'en',
};

describe('describeHeadline', () => {
  it('writes the issue\'s example sentence', () => {
    expect(describeHeadline(facts)).toBe('Trucks waiting at Sino-Korean Friendship Bridge, Nov 2025: 120, up 18 % on Oct');
  });

  it('names the year of the previous month across a year boundary, and falls', () => {
    expect(describeHeadline({ ...facts, month: '2026-01', change: -0.044 }))
      .toBe('Trucks waiting at Sino-Korean Friendship Bridge, Jan 2026: 120, down 4 % on Dec 2025');
  });

  it('leaves the change out without a baseline, says unchanged under half a percent', () => {
    expect(describeHeadline({ ...facts, change: null })).toBe('Trucks waiting at Sino-Korean Friendship Bridge, Nov 2025: 120');
    expect(describeChange(0.004, '2025-11', 'previous', 'en')).toBe('unchanged on Oct');
    expect(describeChange(0.25, '2025-11', 'trailing12', 'en')).toBe('up 25 % on the 12-month average');
  });

  it('says when there is nothing approved, and marks synthetic data', () => {
    expect(describeHeadline({ ...facts, value: null, month: null }))
      .toBe('Trucks waiting at Sino-Korean Friendship Bridge: no approved observations between Jan 2025 and Nov 2025');
    expect(describeHeadline({ ...facts, value: null }))
      .toBe('Trucks waiting at Sino-Korean Friendship Bridge, Nov 2025: no approved observations');
    expect(describeHeadline({ ...facts, value: null, month: null, range: null, synthetic: true }))
      .toBe('Trucks waiting at Sino-Korean Friendship Bridge: no approved observations yet (synthetic demo data, not real observations)');
  });

  it('formats waits with a decimal and counts as whole numbers in the locale', () => {
    expect(describeHeadline({ ...facts, metric: 'wait_minutes', vehicleClass: null, value: 92.46, change: null }))
      .toBe('Wait (minutes) at Sino-Korean Friendship Bridge, Nov 2025: 92.5');
    expect(describeHeadline({ ...facts, metric: 'crossed_vehicles', value: 12345.6, change: null, locale: 'de' }))
      .toBe('Trucks crossing at Sino-Korean Friendship Bridge, Nov 2025: 12.346');
    expect(metricPhrase('queue_length_m', 'bus')).toBe('Queue of buses (metres)');
    expect(previousMonth('2025-01')).toBe('2024-12');
  });
});
