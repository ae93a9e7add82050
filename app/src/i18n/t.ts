import { en, type StringKey } from './en.js';

/** Language for names: explicit choice, else the browser's, else English. */
export type NameLanguage = 'en' | 'zh' | 'ko';

export function pickLanguage(explicit: string | null, browser: readonly string[] = navigator.languages): NameLanguage {
  const candidates = explicit ? [explicit] : browser;
  for (const c of candidates) {
    const base = c.toLowerCase().split('-')[0];
    if (base === 'zh' || base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

/** A UI string with `{param}`s filled in. Only English exists yet; the keys are the contract. */
export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A crossing's name in the chosen language, falling back to English. */
export function nameIn(names: { en: string; zh: string | null; ko: string | null }, lang: NameLanguage): string {
  return names[lang] ?? names.en;
}
