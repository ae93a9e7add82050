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
/** The legend's column, right of the map, so that no crossing is hidden under it. */
const LEGEND_WIDTH = 230;

/** Draws the map at the chosen size: the map's container is resized for one frame, then put back. */
async function mapFrame(map: MapLibreMap, width: number, height: number): Promise<HTMLCanvasElement> {
  const box = map.getContainer();
  const before = box.getAttribute('style') ?? '';
  // The picture shows what the screen shows, whatever its shape: the same bounds, fitted to the new size.
  const bounds = map.getBounds();
  const camera = { center: map.getCenter(), zoom: map.getZoom() };
  // CSS pixels: the canvas then has width × devicePixelRatio pixels, drawn back at the chosen size.
  box.setAttribute('style', `${before};position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`);
  map.resize();
  map.fitBounds(bounds, { padding: 8, animate: false });
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
  map.jumpTo(camera);
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

function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendModel, x: number, top: number, width: number) {
  let y = top + 8;
  const title = (text: string) => {
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.fillStyle = '#222222';
    for (const line of wrap(ctx, text, width - 16)) {
      ctx.fillText(line, x + 8, y + 10);
      y += 17;
    }
    y += 2;
  };
  const item = (text: string, color: string, radius: number, opacity = 0.85) => {
    const h = Math.max(18, radius * 2 + 6);
    ctx.globalAlpha = opacity;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(x + 8 + 26, y + h / 2, radius, 0, Math.PI * 2);
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#222222';
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText(text, x + 8 + 58, y + h / 2 + 4, width - 70);
    y += h;
  };
  title(legend.sizeTitle);
  for (const s of legend.sizes) item(s.label, '#8c8c8c', s.radius);
  y += 8;
  title(legend.colorTitle);
  for (const c of legend.colors) item(c.label, c.color, 6);
  item(legend.noChange.label, legend.noChange.color, 6);
  item(legend.noData.label, legend.noData.color, legend.noData.radius, 0.35);
}

/**
 * The map as a picture a newsroom can publish: title and subtitle above, the legend on the map, sources and
 * credits below, at the chosen size.
 */
export async function renderMapImage(map: MapLibreMap, size: { width: number; height: number }, text: ImageText): Promise<Blob> {
  const mapHeight = size.height - HEADER - FOOTER;
  const mapWidth = size.width - LEGEND_WIDTH;
  const frame = await mapFrame(map, mapWidth, mapHeight);
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
  drawLegend(ctx, text.legend, mapWidth, HEADER, LEGEND_WIDTH);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#444444';
  ctx.fillText(`Sources: ${text.sources}`, 16, HEADER + mapHeight + 17, size.width - 32);
  ctx.fillText(text.credit, 16, HEADER + mapHeight + 35, size.width - 32);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be made'))), 'image/png'));
}
