import { describe, expect, it } from 'vitest';
import { monthOf, monthsBetween } from './months.js';

describe('monthsBetween', () => {
  it('lists every month inclusive across a year end', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
  it('gives one month for equal bounds and none for a reversed range', () => {
    expect(monthsBetween('2025-03', '2025-03')).toEqual(['2025-03']);
    expect(monthsBetween('2025-03', '2025-02')).toEqual([]);
  });
});

describe('monthOf', () => {
  it('uses the UTC month', () => {
    expect(monthOf(new Date('2025-12-01T05:00:00+09:00'))).toBe('2025-11');
  });
});
