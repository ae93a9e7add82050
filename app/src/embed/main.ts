// The embed page: a live map, headline and chart of one saved view, for an iframe in an article.
// The server inlines the data, so the first frame needs only the basemap; then the data is
// asked for again every `refreshSeconds` with a conditional request (mostly 304s).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { EmbedDataDto } from '../../../server/contracts/embeds.js';
import { pickLanguage } from '../i18n/t.js';
import { createEmbedMap, updateEmbedMap } from './embed-map.js';
import { buildEmbedLayout, renderEmbed } from './embed-view.js';
import { parseEmbedFlags } from './flags.js';
import { reportHeight } from './report-height.js';
import 'virtual:maplibre-embed.css';
import './embed.css';

const flags = parseEmbedFlags(location.search);
const locale = flags.locale ?? navigator.language ?? 'en';
const lang = pickLanguage(flags.locale);

function applyTheme() {
  const dark = flags.dark === 'true' || (flags.dark === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  return dark;
}

type EmbedState = { data: EmbedDataDto; json: string; map: MapLibreMap | null; refreshes: number; changes: number };

async function main() {
  const root = document.getElementById('embed')!;
  const json = document.getElementById('landport-data')!.textContent!;
  const state: EmbedState = { data: JSON.parse(json), json, map: null, refreshes: 0, changes: 0 };
  // Exposed for the end-to-end tests and the benchmark.
  (window as unknown as { landportEmbed: EmbedState }).landportEmbed = state;
  document.documentElement.lang = locale;
  document.documentElement.classList.toggle('transparent', flags.transparent);
  const dark = applyTheme();

  const parts = buildEmbedLayout(root, flags);
  const draw = () => renderEmbed(parts, state.data, { lang, locale, static: flags.static });
  draw();
  reportHeight();

  const basemap = await fetch(`/embed/${state.data.viewId}/basemap.json`).then((r) => {
    if (!r.ok) throw new Error(`basemap: ${r.status}`);
    return r.json();
  });
  state.map = createEmbedMap(parts.mapBox, state.data, basemap, { dark, interactive: !flags.static, lang });
  new ResizeObserver(() => draw()).observe(parts.chart);

  const refresh = async () => {
    try {
      // `no-cache`: the browser revalidates with If-None-Match, so an unchanged view costs a 304.
      const res = await fetch(`/embed/${state.data.viewId}/data.json`, { cache: 'no-cache' });
      state.refreshes += 1;
      if (!res.ok) return;
      const text = await res.text();
      if (text === state.json) return;
      state.json = text;
      state.data = JSON.parse(text);
      state.changes += 1;
      draw();
      if (state.map) updateEmbedMap(state.map, state.data, lang);
    } catch {
      // Offline or the server busy: the embed keeps what it shows and tries again next time.
    }
  };
  setInterval(() => void refresh(), state.data.refreshSeconds * 1000);
}

main().catch((err: Error) => {
  console.error(err);
  const note = document.createElement('p');
  note.className = 'embed-error';
  note.textContent = `This map could not load: ${err.message}`;
  document.body.append(note);
});
