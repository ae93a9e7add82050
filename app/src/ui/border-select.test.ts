import { describe, expect, it } from 'vitest';
import { borderLabel, borderName } from './border-select.js';

const border = (over: object) => ({ countries: ['US', 'MX'] as [string, string], crossings: 21, tradeReporter: 'US', tradeMonths: 24, realActivityMonths: 24, syntheticOnly: false, ...over });

describe('borderLabel', () => {
  it('names the countries and warns of demo data and missing trade figures', () => {
    expect(borderName(['US', 'MX'])).toBe('United States – Mexico');
    expect(borderLabel(border({}))).toBe('United States – Mexico');
    expect(borderLabel(border({ countries: ['CN', 'KP'], syntheticOnly: true }))).toBe('China – North Korea (demo data)');
    expect(borderLabel(border({ countries: ['RU', 'KP'], syntheticOnly: true, tradeReporter: null }))).toBe('Russia – North Korea (demo data, no trade figures)');
  });
});
