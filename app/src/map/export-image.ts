import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LegendModel } from '../analysis/legend-model.js';

export const IMAGE_SIZES = [
  { id: 'small', label: 'Small, 800 × 500', width: 800, height: 500 },
  { id: 'medium', label: 'Medium, 1200 × 750', width: 1200, height: 750 },
  { id: 'large', label: 'Large, 1600 × 1000', width: 1600, height: 1000 },
] as const;

export type ImageText = {
  title: string;
  /** The month and what the circles measure. */
  subtitle: string;
  legend: LegendModel;
  sources: string;
  /** Who drew what: landport and the basemap's attribution. */
  credit: string;
};

/** A file name from the view's words: "landport-vehicles-crossing-us-mexico-2021-12.png". */
export function imageFileName(title: string, month: string | null): string {
  const slug = `${title} ${month ?? ''}`.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 90);
  return `landport-${slug || 'map'}.png`;
}

const HEADER = 64;
const FOOTER = 46;

/** Draws the map at the chosen size: the map's container is resized for one frame, then put back. */
async function mapFrame(map: MapLibreMap, width: number, height: number): Promise<HTMLCanvasElement> {
  const box = map.getContainer();
  const before = box.getAttribute('style') ?? '';
  // CSS pixels: the canvas then has width × devicePixelRatio pixels, drawn back at the chosen size.
  box.setAttribute('style', `${before};position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`);
  map.resize();
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
  const copy = document.createElement('canvas');
  copy.width = width;
  copy.height = height;
  copy.getContext('2d')!.drawImage(map.getCanvas(), 0, 0, width, height);
  box.setAttribute('style', before);
  map.resize();
  return copy;
}

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendModel, x: number, bottom: number) {
  ctx.font = '12px system-ui, sans-serif';
  const rows: { kind: 'title' | 'item'; text: string; color?: string; radius?: number; opacity?: number }[] = [
    { kind: 'title', text: legend.sizeTitle },
    ...legend.sizes.map((s) => ({ kind: 'item' as const, text: s.label, color: '#8c8c8c', radius: s.radius })),
    { kind: 'title', text: legend.colorTitle },
    ...legend.colors.map((c) => ({ kind: 'item' as const, text: c.label, color: c.color, radius: 6 })),
    { kind: 'item', text: legend.noChange.label, color: legend.noChange.color, radius: 6 },
    { kind: 'item', text: legend.noData.label, color: legend.noData.color, radius: legend.noData.radius, opacity: 0.35 },
  ];
  const heightOf = (r: (typeof rows)[number]) => (r.kind === 'title' ? 18 : Math.max(16, (r.radius ?? 6) * 2 + 4));
  const iconWidth = Math.max(...rows.map((r) => (r.radius ?? 0) * 2)) + 8;
  const width = Math.min(300, Math.max(...rows.map((r) => ctx.measureText(r.text).width + (r.kind === 'item' ? iconWidth : 0))) + 20);
  const height = rows.reduce((h, r) => h + heightOf(r), 0) + 12;
  let y = bottom - height;
  ctx.fillStyle = 'rgba(255,255,255,0.94)';
  ctx.strokeStyle = '#bbbbbb';
  ctx.fillRect(x, y, width, height);
  ctx.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  y += 6;
  for (const r of rows) {
    const h = heightOf(r);
    ctx.fillStyle = '#222222';
    ctx.font = r.kind === 'title' ? '600 12px system-ui, sans-serif' : '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    if (r.kind === 'item') {
      ctx.globalAlpha = r.opacity ?? 0.85;
      ctx.fillStyle = r.color!;
      ctx.beginPath();
      ctx.arc(x + 10 + iconWidth / 2 - 4, y + h / 2, r.radius!, 0, Math.PI * 2);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#222222';
      ctx.fillText(r.text, x + 10 + iconWidth, y + h / 2, width - iconWidth - 16);
    } else ctx.fillText(r.text, x + 10, y + h / 2, width - 20);
    y += h;
  }
}

/**
 * The map as a picture a newsroom can publish: title and subtitle above, the legend on the map, sources and
 * credits below, at the chosen size.
 */
export async function renderMapImage(map: MapLibreMap, size: { width: number; height: number }, text: ImageText): Promise<Blob> {
  const mapHeight = size.height - HEADER - FOOTER;
  const frame = await mapFrame(map, size.width, mapHeight);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.fillStyle = '#111111';
  ctx.textBaseline = 'alphabetic';
  ctx.font = 'bold 22px system-ui, sans-serif';
  ctx.fillText(text.title, 16, 30, size.width - 32);
  ctx.font = '15px system-ui, sans-serif';
  ctx.fillStyle = '#444444';
  ctx.fillText(text.subtitle, 16, 52, size.width - 32);
  ctx.drawImage(frame, 0, HEADER);
  drawLegend(ctx, text.legend, 12, HEADER + mapHeight - 12);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#444444';
  const lines = wrap(ctx, `Sources: ${text.sources}`, size.width - 32).slice(0, 2);
  lines.forEach((l, i) => ctx.fillText(l, 16, HEADER + mapHeight + 17 + i * 14, size.width - 32));
  ctx.textAlign = 'right';
  ctx.fillText(text.credit, size.width - 16, size.height - 6, size.width - 32);
  ctx.textAlign = 'left';
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be made'))), 'image/png'));
}
