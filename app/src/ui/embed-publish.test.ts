import { describe, expect, it } from 'vitest';
import { parseEmbedFlags } from '../embed/flags.js';
import { DEFAULT_FLAGS, flagQuery } from './embed-publish.js';

describe('the flags a publisher sets', () => {
  it('leave defaults out, so a plain embed URL has no query', () => {
    expect(flagQuery(DEFAULT_FLAGS)).toBe('');
  });

  it('are written as the embed page reads them', () => {
    const q = flagQuery({ dark: 'true', plain: true, static: false, transparent: true, locale: 'zh-CN' });
    expect(q).toBe('dark=true&plain&transparent&locale=zh-CN');
    expect(parseEmbedFlags(`?${q}`)).toEqual({ dark: 'true', plain: true, static: false, transparent: true, locale: 'zh-CN' });
    expect(parseEmbedFlags(`?${flagQuery({ ...DEFAULT_FLAGS, dark: 'false', static: true })}`)).toMatchObject({ dark: 'false', static: true, plain: false });
  });
});
