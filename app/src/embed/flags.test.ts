import { describe, expect, it } from 'vitest';
import { parseEmbedFlags } from './flags.js';

describe('parseEmbedFlags', () => {
  it('defaults to an automatic, interactive, titled embed', () => {
    expect(parseEmbedFlags('')).toEqual({ dark: 'auto', plain: false, static: false, transparent: false, locale: null });
  });

  it('reads bare and valued flags', () => {
    expect(parseEmbedFlags('?dark=true&plain&static=1&transparent=true&locale=ko-KR')).toEqual({
      dark: 'true', plain: true, static: true, transparent: true, locale: 'ko-KR',
    });
    expect(parseEmbedFlags('?dark=false&plain=false&static=0')).toMatchObject({ dark: 'false', plain: false, static: false });
    expect(parseEmbedFlags('?dark')).toMatchObject({ dark: 'true' });
  });

  it('ignores what it cannot use', () => {
    expect(parseEmbedFlags('?dark=purple&locale=<script>')).toMatchObject({ dark: 'auto', locale: null });
    expect(parseEmbedFlags('?locale=zh-hans-cn')).toMatchObject({ locale: 'zh-Hans-CN' });
  });
});
