import type { LineString, MultiLineString, Position } from 'geojson';
import { loadSharp } from '../images/load-sharp.js';
import type { EmbedDataDto } from '../contracts/embeds.js';
import type { Basemap } from '../basemap/natural-earth.js';
import { cameraForBbox, project, viewportBbox } from '../../geo/web-mercator.js';
import { formatValue } from '../../app/src/analysis/headline-summary.js';
import { compactSources } from '../../app/src/embed/compact-sources.js';
import { EMBED_VIEWPORT } from './embed-data.js';

export type ImageOptions = { width: number; height: number; dark: boolean };

const PALETTES = {
  light: { water: '#c9dcea', land: '#f4f1ea', border: '#8a7f74', text: '#1f1f1f', muted: '#555555', panel: 'rgba(255,255,255,0.88)', stroke: '#ffffff' },
  dark: { water: '#17202a', land: '#2c3136', border: '#8c8c8c', text: '#f2f2f2', muted: '#bdbdbd', panel: 'rgba(20,22,26,0.85)', stroke: '#111111' },
};
const FONT = "DejaVu Sans, Noto Sans, 'WenQuanYi Zen Hei', sans-serif";

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow at all (control characters) are dropped, not escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Cuts text to about what fits in `px` at `size` (an average glyph is ~0.58 em wide). */
function fit(text: string, px: number, size: number): string {
  const max = Math.max(4, Math.floor(px / (size * 0.58)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Words into at most `maxLines` lines of about `chars` characters; the last one cut with an ellipsis if need be. */
export function wrapText(text: string, chars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const rest = lines.slice(maxLines - 1).join(' ');
  return [...lines.slice(0, maxLines - 1), `${rest.slice(0, chars - 1)}…`];
}

/** A projector from longitude/latitude to image pixels showing the embed's starting view. */
function projector(data: EmbedDataDto, { width, height }: ImageOptions) {
  const camera = cameraForBbox(viewportBbox(data.camera, EMBED_VIEWPORT.width, EMBED_VIEWPORT.height), width, height, 0, 22);
  const [cx, cy] = project([camera.lng, camera.lat], camera.zoom);
  return (p: Position): [number, number] => {
    const [x, y] = project([p[0], p[1]], camera.zoom);
    return [x - cx + width / 2, y - cy + height / 2];
  };
}

/** An SVG path for rings or lines, dropping points closer than a pixel to the last one kept. */
function pathOf(lines: Position[][], toPx: (p: Position) => [number, number], close: boolean): string {
  let d = '';
  for (const line of lines) {
    let last: [number, number] | null = null;
    let part = '';
    for (const p of line) {
      const [x, y] = toPx(p);
      if (last && Math.abs(x - last[0]) < 1 && Math.abs(y - last[1]) < 1) continue;
      part += `${part ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
      last = [x, y];
    }
    if (part) d += close ? `${part}Z` : part;
  }
  return d;
}

/** The embed's view as an SVG: basemap, crossings sized and coloured as on the live map, headline and sources. */
export function renderEmbedSvg(data: EmbedDataDto, basemap: Basemap, opts: ImageOptions): string {
  const { width, height } = opts;
  const c = opts.dark ? PALETTES.dark : PALETTES.light;
  const toPx = projector(data, opts);
  const land = basemap.countries.features
    .map((f) => pathOf(f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat(), toPx, true))
    .join('');
  // Clipping may turn the borders' MultiLineString into a LineString.
  const borders = basemap.borders.features
    .map((f) => {
      const g = f.geometry as MultiLineString | LineString;
      return pathOf(g.type === 'LineString' ? [g.coordinates] : g.coordinates, toPx, false);
    })
    .join('');
  const circles = data.crossings
    .filter((x) => x.lng !== null && x.lat !== null)
    .sort((a, b) => b.radius - a.radius)
    .map((x) => {
      const [px, py] = toPx([x.lng!, x.lat!]);
      const selected = x.id === data.crossing;
      return `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="${x.radius}" fill="${x.color}" fill-opacity="${x.value === null ? 0.35 : 0.85}" stroke="${selected ? c.text : c.stroke}" stroke-width="${selected ? 3 : 1}"/>`;
    })
    .join('');
  const selected = data.crossings.find((x) => x.id === data.crossing && x.lng !== null && x.lat !== null);
  const label = selected
    ? (() => {
        const [px, py] = toPx([selected.lng!, selected.lat!]);
        return `<text x="${px.toFixed(1)}" y="${(py + selected.radius + 16).toFixed(1)}" text-anchor="middle" font-size="13" stroke="${c.stroke}" stroke-width="3" paint-order="stroke">${escapeXml(selected.names.en)}</text>`;
      })()
    : '';

  const headline = data.headline.value === null ? '—' : formatValue(data.metric, data.headline.value, 'en');
  const textWidth = Math.min(width - 24, 460);
  const summaryLines = wrapText(data.summary, Math.floor((textWidth - 20) / (12 * 0.55)), 3);
  const sources = [
    data.sources.trade.length ? `trade: ${compactSources(data.sources.trade, 2)}` : '',
    data.sources.observations.length ? `observations: ${compactSources(data.sources.observations, 2)}` : '',
  ].filter(Boolean).join('. ');
  const sourceLine = fit(`Source: ${sources || 'no approved data yet'} · landport`, width - 20, 11);
  const panelHeight = 86 + summaryLines.length * 15;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(data.summary)}">`,
    `<title>${escapeXml(data.title)}</title><desc>${escapeXml(data.summary)}</desc>`,
    `<rect width="${width}" height="${height}" fill="${c.water}"/>`,
    `<path d="${land}" fill="${c.land}" fill-rule="evenodd"/>`,
    `<path d="${borders}" fill="none" stroke="${c.border}" stroke-width="1.2"/>`,
    circles,
    `<g font-family="${FONT}" fill="${c.text}">`,
    label,
    `<rect x="8" y="8" width="${textWidth}" height="${panelHeight}" rx="4" fill="${c.panel}"/>`,
    `<text x="18" y="32" font-size="16" font-weight="bold">${escapeXml(fit(data.title, textWidth - 20, 16))}</text>`,
    `<text x="18" y="70" font-size="32" font-weight="bold">${escapeXml(headline)}</text>`,
    ...summaryLines.map((line, i) => `<text x="18" y="${92 + i * 15}" font-size="12" fill="${c.muted}">${escapeXml(line)}</text>`),
    `<rect x="0" y="${height - 22}" width="${width}" height="22" fill="${c.panel}"/>`,
    `<text x="10" y="${height - 7}" font-size="11" fill="${c.muted}">${escapeXml(sourceLine)}</text>`,
    `</g></svg>`,
  ].join('');
}

/** The same image as a palette PNG: flat map colours need few, which keeps it small. */
export async function renderEmbedPng(svg: string): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).png({ palette: true, colours: 128, compressionLevel: 9, effort: 8 }).toBuffer();
}
