// The embed page: a live map, headline and chart of one saved view, for an iframe in an article.
// The server inlines the data, so the first frame needs only the basemap; then the data is
// asked for again every `refreshSeconds` with a conditional request (mostly 304s).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { EmbedDataDto } from '../../../server/contracts/embeds.js';
import { getJson } from '../api.js';
import { pickLanguage } from '../i18n/t.js';
import { createEmbedMap, setEmbedMapTheme, updateEmbedMap, type Basemap } from './embed-map.js';
import { buildEmbedLayout, renderEmbed } from './embed-view.js';
import { parseEmbedFlags } from './flags.js';
import { PALETTES } from './map-palette.js';
import { reportHeight } from './report-height.js';
import 'virtual:maplibre-embed.css';
import './embed.css';

const flags = parseEmbedFlags(location.search);
const locale = flags.locale ?? navigator.language ?? 'en';
const lang = pickLanguage(flags.locale);

function applyTheme() {
  const dark = flags.dark === 'true' || (flags.dark === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  // The legend outlines its circles as the map does: the map's palette, handed to the stylesheet.
  const palette = dark ? PALETTES.dark : PALETTES.light;
  document.documentElement.style.setProperty('--halo', palette.halo);
  document.documentElement.style.setProperty('--selected', palette.selected);
  return dark;
}

const fetchJson = (url: string) => getJson<Basemap>(url, {});

type EmbedState = { data: EmbedDataDto; json: string; map: MapLibreMap | null; refreshes: number; changes: number };

async function main() {
  const root = document.getElementById('embed')!;
  const inline = JSON.parse(document.getElementById('landport-data')!.textContent!) as EmbedDataDto;
  // As the server serializes it (the inline copy escapes < and >), so an unchanged refresh compares equal.
  const state: EmbedState = { data: inline, json: JSON.stringify(inline), map: null, refreshes: 0, changes: 0 };
  // Exposed for the end-to-end tests and the benchmark.
  (window as unknown as { landportEmbed: EmbedState }).landportEmbed = state;
  // The words are English whatever the locale (names and numbers follow it): the page says so to screen readers.
  document.documentElement.lang = 'en';
  document.documentElement.classList.toggle('transparent', flags.transparent);
  const dark = applyTheme();

  const parts = buildEmbedLayout(root, flags);
  const draw = () => renderEmbed(parts, state.data, { lang, locale, static: flags.static });
  draw();
  reportHeight();

  const basemap = await fetchJson(state.data.basemapUrl);
  state.map = createEmbedMap(parts.mapBox, state.data, basemap, { dark, interactive: !flags.static, lang });
  new ResizeObserver(() => draw()).observe(parts.chart);
  // `dark=auto` follows the reader's setting while the article is open, not only when it loaded.
  if (flags.dark === 'auto') {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      const nowDark = applyTheme();
      if (state.map) setEmbedMapTheme(state.map, nowDark);
    });
  }

  const refresh = async () => {
    try {
      // `no-cache`: the browser revalidates with If-None-Match, so an unchanged view costs a 304.
      const res = await fetch(`/embed/${state.data.viewId}/data.json`, { cache: 'no-cache' });
      state.refreshes += 1;
      if (!res.ok) return;
      const text = await res.text();
      if (text === state.json) return;
      const before = state.data;
      state.json = text;
      state.data = JSON.parse(text);
      state.changes += 1;
      draw();
      if (!state.map) return;
      // Without a saved camera the area follows the data (the busiest crossing): then the basemap is cut anew.
      const basemap = state.data.basemapUrl !== before.basemapUrl ? await fetchJson(state.data.basemapUrl) : null;
      updateEmbedMap(state.map, state.data, lang, basemap);
    } catch {
      // Offline or the server busy: the embed keeps what it shows and tries again next time.
    }
  };
  // A tab nobody looks at asks for nothing; it catches up when shown again.
  setInterval(() => document.hidden || void refresh(), state.data.refreshSeconds * 1000);
  document.addEventListener('visibilitychange', () => document.hidden || void refresh());
}

main().catch((err: Error) => {
  console.error(err);
  const note = document.createElement('p');
  note.className = 'embed-error';
  note.textContent = `This map could not load: ${err.message}`;
  document.body.append(note);
});
