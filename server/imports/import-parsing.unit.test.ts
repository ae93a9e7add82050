import { describe, expect, it } from 'vitest';
import { parseCsvChunk, parseCsvText } from './lenient-csv.js';
import { parseDateTime, type DateTimeOptions } from './parse-date-time.js';
import { crossingMatcher } from './crossing-names.js';
import { guessMapping } from '../contracts/import-columns.js';

describe('lenient CSV', () => {
  // Lines: 1 header, 2–3 one record (a quoted line break), 4 blank, 5 bare quotes, 6 a quote never closed, 7 a good row.
  const text = '\uFEFFa,b,c\r\n1,"two\r\nlines",x\r\n\r\n2,<a href="u">link</a>,y\r\n3,"open,z\r\n4,after,"q""uote"d\r\n';

  it('numbers records by the physical line they start on and keeps bare quotes as text', () => {
    expect(parseCsvText(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'two\r\nlines', 'x'] },
      { line: 5, cells: ['2', '<a href="u">link</a>', 'y'] },
      { line: 6, error: expect.stringContaining('never closed') },
      { line: 7, cells: ['4', 'after', 'q"uoted'] },
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    for (const size of [1, 2, 3, 7, 64]) {
      const records = [];
      let buffer = '';
      let line = 1;
      for (let i = 0; i < text.length; i += size) {
        buffer += text.slice(i, i + size);
        const r = parseCsvChunk(buffer, line, false);
        records.push(...r.records);
        buffer = buffer.slice(r.rest);
        line = r.line;
      }
      records.push(...parseCsvChunk(buffer, line, true).records);
      expect(records).toEqual(parseCsvText(text));
    }
  });

  it('reads LF and lone CR line ends, and a last line without one', () => {
    expect(parseCsvText('a\nb\rc')).toEqual([{ line: 1, cells: ['a'] }, { line: 2, cells: ['b'] }, { line: 3, cells: ['c'] }]);
  });
});

describe('date-times as people write them', () => {
  const utc: DateTimeOptions = { timezone: 'UTC', dateOrder: 'ymd' };
  const iso = (s: string, o = utc) => {
    const r = parseDateTime(s, o);
    return r.ok ? r.date.toISOString() : r.message;
  };
  it('takes ISO with a space or T, an offset after a space, and a date alone', () => {
    expect(iso('2025-11-14 07:30 +08:00')).toBe('2025-11-13T23:30:00.000Z');
    expect(iso('2025-11-14T07:30:15+0800')).toBe('2025-11-13T23:30:15.000Z');
    expect(iso('2025-11-14T07:30Z')).toBe('2025-11-14T07:30:00.000Z');
    expect(iso('2025-11-14')).toBe('2025-11-14T00:00:00.000Z');
  });
  it('reads a value without an offset in the given zone, across a DST change', () => {
    // Shanghai is UTC+8 all year; New York is UTC−4 in summer and UTC−5 after 2 November 2025.
    expect(iso('2025-11-14 07:30', { timezone: 'Asia/Shanghai', dateOrder: 'ymd' })).toBe('2025-11-13T23:30:00.000Z');
    expect(iso('2025-07-01 12:00', { timezone: 'America/New_York', dateOrder: 'ymd' })).toBe('2025-07-01T16:00:00.000Z');
    expect(iso('2025-12-01 12:00', { timezone: 'America/New_York', dateOrder: 'ymd' })).toBe('2025-12-01T17:00:00.000Z');
  });
  it('reads day-first or month-first only when told which', () => {
    expect(iso('16/11/2025')).toMatch(/date order/);
    expect(iso('16/11/2025', { timezone: 'UTC', dateOrder: 'dmy' })).toBe('2025-11-16T00:00:00.000Z');
    expect(iso('11/16/2025 07:30', { timezone: 'UTC', dateOrder: 'mdy' })).toBe('2025-11-16T07:30:00.000Z');
    expect(iso('16/11/2025', { timezone: 'UTC', dateOrder: 'mdy' })).toMatch(/not a real date/);
  });
  it('says what it could not read', () => {
    expect(iso('yesterday')).toMatch(/"yesterday" is not a date-time; write it such as/);
    expect(iso('2025-02-30')).toMatch(/not a real date/);
    expect(iso('0001-01-01')).toMatch(/before 1900/);
  });
});

describe('crossings by name', () => {
  const crossings = [
    { id: 'cn-kp-tumen-namyang-road', nameEn: 'Tumen Border Bridge (Tumen–Namyang, road, 1941)', nameZh: null, nameKo: null },
    { id: 'cn-kp-dandong', nameEn: 'Sino-Korean Friendship Bridge (Dandong–Sinuiju)', nameZh: '中朝友谊桥', nameKo: '중조우의교' },
    { id: 'a-river', nameEn: 'River Bridge (north)', nameZh: null, nameKo: null },
    { id: 'b-river', nameEn: 'River Bridge (south)', nameZh: null, nameKo: null },
    { id: 'tumen-rail', nameEn: 'Tumen station', nameZh: '图们站 / 图们陆路(铁路)口岸', nameKo: null },
  ];
  const match = crossingMatcher(crossings, new Map([['thebridge', 'cn-kp-dandong']]));
  it('finds a crossing by id, any name, without its qualifier, ignoring case and spacing, or by alias', () => {
    expect(match('CN-KP-DANDONG')).toEqual({ ok: true, id: 'cn-kp-dandong' });
    expect(match('中朝友谊桥')).toEqual({ ok: true, id: 'cn-kp-dandong' });
    expect(match('중조우의교')).toEqual({ ok: true, id: 'cn-kp-dandong' });
    expect(match('tumen  border bridge')).toEqual({ ok: true, id: 'cn-kp-tumen-namyang-road' });
    expect(match('Sino-Korean Friendship Bridge (Dandong–Sinuiju)')).toEqual({ ok: true, id: 'cn-kp-dandong' });
    expect(match('图们陆路(铁路)口岸')).toEqual({ ok: true, id: 'tumen-rail' });
    expect(match('The Bridge')).toEqual({ ok: true, id: 'cn-kp-dandong' });
  });
  it('names the candidates of an ambiguous name and the nearest of an unknown one', () => {
    const both = match('River Bridge');
    expect(both).toMatchObject({ ok: false, candidates: [{ id: 'a-river' }, { id: 'b-river' }] });
    const near = match('Tumen Border Brige');
    expect(near).toMatchObject({ ok: false, candidates: [{ id: 'cn-kp-tumen-namyang-road' }, expect.anything(), expect.anything()] });
    expect(!near.ok && near.message).toMatch(/no crossing is called "Tumen Border Brige"; nearest: Tumen Border Bridge/);
  });
});

describe('column guesses', () => {
  it('maps our names, the export, BTS and KoBo/ODK headers', () => {
    expect(guessMapping(['id', 'crossing_id', 'lon', 'lat', 'observed_at', 'period_start', 'value', 'observer_lat', 'observer_accuracy_m'])).toEqual({
      id: 'id', crossingId: 'crossing_id', observedAt: 'observed_at', periodStart: 'period_start', value: 'value', observerLat: 'observer_lat', observerAccuracyM: 'observer_accuracy_m',
    });
    expect(guessMapping(['Port Name', 'Date', 'Measure', 'Value'])).toMatchObject({ crossingId: 'Port Name', observedAt: 'Date', measure: 'Measure', value: 'Value' });
    expect(guessMapping(['start', 'group_a/crossing', '_location_latitude', '_location_longitude', '_location_precision', '_uuid'])).toMatchObject({
      observedAt: 'start', crossingId: 'group_a/crossing', observerLat: '_location_latitude', observerLon: '_location_longitude', observerAccuracyM: '_location_precision', id: '_uuid',
    });
    expect(guessMapping(['SubmissionDate', 'meta-instanceID', 'location-Latitude'])).toMatchObject({ observedAt: 'SubmissionDate', id: 'meta-instanceID', observerLat: 'location-Latitude' });
  });
});
