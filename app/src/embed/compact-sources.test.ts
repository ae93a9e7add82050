import { describe, expect, it } from 'vitest';
import { compactSources } from './compact-sources.js';

describe('compactSources', () => {
  it('shortens citations, drops duplicates and counts the rest', () => {
    expect(compactSources(['Yonhap 2023-06-19 (en.yna.co.kr/x)', 'Reuters (a)', 'Reuters (b)', 'AFP (y)', 'NK News (z)'], 2))
      .toBe('Yonhap 2023-06-19; Reuters and 2 more');
    expect(compactSources(['field observer'])).toBe('field observer');
    expect(compactSources(['x'.repeat(60)])).toBe(`${'x'.repeat(47)}…`);
    expect(compactSources([])).toBe('');
  });
});
