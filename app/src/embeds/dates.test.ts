import { describe, expect, it } from 'vitest';
import { dataAsOfText, formatDay, formatDayTime } from './dates.js';

describe('list dates', () => {
  it('are written in UTC', () => {
    expect(formatDay('2026-12-01T23:30:00.000Z')).toBe('1 Dec 2026');
    expect(formatDayTime('2026-12-01T23:30:00.000Z')).toBe('1 Dec 2026, 23:30 UTC');
    expect(formatDayTime('2026-01-05T00:05:00.000Z')).toBe('5 Jan 2026, 00:05 UTC');
  });

  it('say when there is no approved data yet', () => {
    expect(dataAsOfText(null)).toBe('No approved data yet');
    expect(dataAsOfText('2025-06-30T12:00:00.000Z')).toBe('Data as of 30 Jun 2025, 12:00 UTC');
  });
});
