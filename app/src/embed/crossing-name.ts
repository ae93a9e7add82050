import { nameIn, type NameLanguage } from '../i18n/t.js';

type Names = { en: string; zh: string | null; ko: string | null };

/**
 * A crossing's name as an element that says which language it is in, so a Korean name inside an
 * English sentence is read (and its glyphs chosen) as Korean. English names need no `lang`: the page's is `en`.
 */
export function nameElement(names: Names, lang: NameLanguage): HTMLSpanElement {
  const span = document.createElement('span');
  span.textContent = nameIn(names, lang);
  if (lang !== 'en' && names[lang]) span.lang = lang;
  return span;
}
