import type { NameLanguage } from './t.js';

const cache = new Map<string, Intl.DisplayNames | null>();

/** A country's name from its ISO code in the reader's language (the browser knows them all), else the code. */
export function countryName(code: string, lang: NameLanguage = 'en'): string {
  if (!cache.has(lang)) {
    try {
      cache.set(lang, new Intl.DisplayNames([lang], { type: 'region' }));
    } catch {
      cache.set(lang, null);
    }
  }
  try {
    return cache.get(lang)?.of(code) ?? code;
  } catch {
    return code;
  }
}
