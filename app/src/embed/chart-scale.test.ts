import { describe, expect, it } from 'vitest';
import { monthTicks, valueAxis } from './chart-scale.js';

describe('valueAxis', () => {
  it('gives round steps from zero up to the largest value, which is the top', () => {
    expect(valueAxis(205, 3)).toEqual({ ticks: [0, 100, 200], top: 205 });
    expect(valueAxis(213_166, 3)).toEqual({ ticks: [0, 100_000, 200_000], top: 213_166 });
    expect(valueAxis(0.9, 3)).toEqual({ ticks: [0, 0.5], top: 0.9 });
    expect(valueAxis(34_500, 3)).toEqual({ ticks: [0, 20_000], top: 34_500 });
  });
  it('has an axis even with nothing to show', () => {
    expect(valueAxis(0)).toEqual({ ticks: [0], top: 1 });
  });
});

describe('monthTicks', () => {
  const months = Array.from({ length: 36 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  it('labels calendar quarters or half-years when they fit', () => {
    expect(monthTicks(months, 12)).toEqual({ indexes: [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33], yearly: false });
    expect(monthTicks(months, 6).indexes).toEqual([0, 6, 12, 18, 24, 30]);
  });
  it('falls back to years on a narrow axis', () => {
    expect(monthTicks(months, 3)).toEqual({ indexes: [0, 12, 24], yearly: true });
  });
  it('names the first month of a range shorter than a step', () => {
    expect(monthTicks(['2025-11', '2025-12'], 1)).toEqual({ indexes: [0], yearly: false });
    expect(monthTicks(['2025-11', '2025-12', '2026-01', '2026-02'], 1)).toEqual({ indexes: [2], yearly: false });
  });
});
