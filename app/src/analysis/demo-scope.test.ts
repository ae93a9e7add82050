import { describe, expect, it } from 'vitest';
import { demoScope } from './demo-scope.js';

const real = { n: 1, sum: 5, mean: 5, max: 5, synthetic: false };
const demo = { ...real, synthetic: true };
const crossings = [
  { id: 'laredo', countries: ['US', 'MX'] },
  { id: 'el-paso', countries: ['US', 'MX'] },
  { id: 'dandong', countries: ['CN', 'KP'] },
  { id: 'khasan', countries: ['RU', 'KP'] },
];

describe('demoScope', () => {
  it('says a real border is real, and where the demo data is instead', () => {
    const rollup = { crossings: [{ id: 'laredo', values: [real, null] }, { id: 'dandong', values: [demo] }, { id: 'khasan', values: [demo] }] };
    expect(demoScope(rollup, crossings, ['US', 'MX'], null)).toEqual({ kind: 'elsewhere', borders: [['CN', 'KP'], ['RU', 'KP']] });
  });

  it('warns when the border (or the crossing) shown has demo data only', () => {
    const rollup = { crossings: [{ id: 'laredo', values: [real] }, { id: 'dandong', values: [demo, null] }] };
    expect(demoScope(rollup, crossings, ['CN', 'KP'], null)).toEqual({ kind: 'demo-only' });
    expect(demoScope(rollup, crossings, ['US', 'MX'], 'dandong')).toEqual({ kind: 'demo-only' });
    expect(demoScope(rollup, crossings, ['CN', 'KP'], 'laredo')).toEqual({ kind: 'elsewhere', borders: [['CN', 'KP']] });
  });

  it('tells a border with both kinds apart from one with demo data only', () => {
    const rollup = { crossings: [{ id: 'laredo', values: [real] }, { id: 'el-paso', values: [demo] }] };
    expect(demoScope(rollup, crossings, ['US', 'MX'], null)).toEqual({ kind: 'mixed' });
    expect(demoScope(rollup, crossings, ['US', 'MX'], 'laredo')).toEqual({ kind: 'elsewhere', borders: [['US', 'MX']] });
  });

  it('says nothing when no demo data is loaded', () => {
    expect(demoScope({ crossings: [{ id: 'laredo', values: [real] }] }, crossings, ['US', 'MX'], null)).toEqual({ kind: 'none' });
    expect(demoScope({ crossings: [] }, crossings, null, null)).toEqual({ kind: 'none' });
  });
});
