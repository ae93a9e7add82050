// The embed's share of MapLibre's stylesheet. MapLibre's CSS carries icons for every control it
// has (logo, geolocate, globe, terrain, fullscreen, compass…), about 10 KB gzip; the embed shows
// only zoom buttons and the attribution. This Vite plugin serves `virtual:maplibre-embed.css`:
// the same file with the rules for other controls left out, read from the installed version.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const UNUSED = /logo|geolocate|globe|terrain|fullscreen|shrink|compass|popup|marker|user-location|ctrl-scale|ctrl-pitch/;

/** Top-level blocks of a stylesheet (`prelude { body }`), nested blocks kept whole. */
function blocks(css: string): { prelude: string; body: string }[] {
  const out: { prelude: string; body: string }[] = [];
  let depth = 0;
  let start = 0;
  let open = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (css[i] === '}') {
      depth--;
      if (depth === 0) {
        out.push({ prelude: css.slice(start, open).trim(), body: css.slice(open + 1, i) });
        start = i + 1;
      }
    }
  }
  return out;
}

/** Keeps rules whose selectors are all used; filters inside @media the same way. */
export function subsetMaplibreCss(css: string): string {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return blocks(withoutComments)
    .map(({ prelude, body }) => {
      if (prelude.startsWith('@media') || prelude.startsWith('@supports')) {
        const inner = subsetMaplibreCss(body);
        return inner ? `${prelude}{${inner}}` : '';
      }
      const selectors = prelude.split(',').filter((s) => !UNUSED.test(s));
      return selectors.length ? `${selectors.join(',')}{${body}}` : '';
    })
    .join('');
}

export function maplibreEmbedCss(): Plugin {
  const id = 'virtual:maplibre-embed.css';
  const require = createRequire(import.meta.url);
  return {
    name: 'landport-maplibre-embed-css',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      return subsetMaplibreCss(fs.readFileSync(require.resolve('maplibre-gl/dist/maplibre-gl.css'), 'utf8'));
    },
  };
}
