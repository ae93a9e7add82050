import { describe, expect, it } from 'vitest';
import { csvHeader } from './import-panel.js';

describe('csvHeader', () => {
  it('reads the header row, with a BOM, quotes and CRLF', () => {
    expect(csvHeader('\uFEFFbridge,"when, local",trucks\r\n1,2,3')).toEqual(['bridge', 'when, local', 'trucks']);
  });
});
