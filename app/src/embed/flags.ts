/** How a publisher asked the embed to look, from its URL (`?dark=true&plain&locale=ko`). */
export type EmbedFlags = {
  dark: 'auto' | 'true' | 'false';
  /** No title and no footer: the publisher's page gives both. */
  plain: boolean;
  /** No interaction: the map neither pans nor zooms, no controls. */
  static: boolean;
  /** The page background lets the publisher's show through. */
  transparent: boolean;
  /** A BCP 47 tag for names and numbers; the reader's browser language when absent. */
  locale: string | null;
};

/** A flag given without a value (`?plain`) is on; `false` and `0` turn it off. */
const on = (p: URLSearchParams, key: string) => p.has(key) && !['false', '0'].includes(p.get(key)!.toLowerCase());

function validLocale(tag: string | null): string | null {
  if (!tag || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** Reads the flags; anything malformed is its default, never an error in a publisher's page. */
export function parseEmbedFlags(search: string): EmbedFlags {
  const p = new URLSearchParams(search);
  const dark = p.get('dark');
  return {
    dark: dark === 'true' || dark === '' ? 'true' : dark === 'false' ? 'false' : 'auto',
    plain: on(p, 'plain'),
    static: on(p, 'static'),
    transparent: on(p, 'transparent'),
    locale: validLocale(p.get('locale')),
  };
}
