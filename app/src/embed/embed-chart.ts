import type { EmbedDataDto } from '../../../server/contracts/embeds.js';
import { formatMonth } from '../analysis/headline-summary.js';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 120;
const PAD = { left: 4, right: 4, top: 8, bottom: 18 };

function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A line through the points that have values; a month without a figure is a gap, not a zero. */
function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/**
 * The embed's chart as SVG: the crossing's monthly activity as bars, the two countries' trade as
 * two lines on their own scale, the headline month marked. (uPlot draws the analyst map's chart;
 * the embed's weight budget keeps this one to a few hundred lines of SVG.)
 */
export function renderEmbedChart(root: HTMLElement, d: EmbedDataDto, activityLabel: string, locale: string) {
  // The tick labels stand alone, so they follow the reader's locale; the label is an English sentence.
  const width = Math.max(240, root.clientWidth || 600);
  const n = d.months.length;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = n ? plotW / n : plotW;
  const x = (i: number) => PAD.left + slot * (i + 0.5);
  const maxOf = (vs: (number | null)[]) => Math.max(0, ...vs.filter((v): v is number => v !== null));
  const activityMax = maxOf(d.activity) || 1;
  const tradeMax = Math.max(maxOf(d.trade?.exports ?? []), maxOf(d.trade?.imports ?? [])) || 1;
  const yActivity = (v: number) => PAD.top + plotH * (1 - v / activityMax);
  const yTrade = (v: number) => PAD.top + plotH * (1 - v / tradeMax);

  const month = (i: number, l: string) => (n ? formatMonth(d.months[i], l) : '');
  const [from, to] = [month(0, 'en'), month(n - 1, 'en')];
  const svg = svgEl('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', class: 'embed-chart-svg' });
  const label = d.trade
    ? `${activityLabel} per month (bars) and trade ${d.trade.reporter}–${d.trade.partner} (lines), ${from} to ${to}`
    : `${activityLabel} per month, ${from} to ${to}`;
  svg.setAttribute('aria-label', label);
  svg.append(svgEl('title', {}, label));

  const selected = d.month ? d.months.indexOf(d.month) : -1;
  if (selected >= 0) svg.append(svgEl('rect', { x: x(selected) - slot / 2, y: PAD.top, width: slot, height: plotH, class: 'chart-month' }));
  d.activity.forEach((v, i) => {
    if (v === null) return;
    const y = yActivity(v);
    svg.append(svgEl('rect', { x: x(i) - slot * 0.35, y, width: Math.max(1, slot * 0.7), height: PAD.top + plotH - y, class: 'chart-bar' }));
  });
  if (d.trade) {
    for (const [values, cls] of [[d.trade.exports, 'chart-exports'], [d.trade.imports, 'chart-imports']] as const) {
      svg.append(svgEl('path', { d: linePath(values, x, yTrade), class: cls }));
      // Monthly figures are sparse: a dot per figure keeps a month between two gaps visible.
      values.forEach((v, i) => v !== null && svg.append(svgEl('circle', { cx: x(i), cy: yTrade(v), r: 2.5, class: `${cls}-dot` })));
    }
  }
  svg.append(svgEl('line', { x1: PAD.left, x2: width - PAD.right, y1: PAD.top + plotH, y2: PAD.top + plotH, class: 'chart-axis' }));
  svg.append(svgEl('text', { x: PAD.left, y: HEIGHT - 4, class: 'chart-tick' }, month(0, locale)));
  svg.append(svgEl('text', { x: width - PAD.right, y: HEIGHT - 4, 'text-anchor': 'end', class: 'chart-tick' }, month(n - 1, locale)));

  const legend = document.createElement('p');
  legend.className = 'chart-legend';
  const key = (cls: string, text: string) => {
    const item = document.createElement('span');
    item.className = `key ${cls}`;
    item.textContent = text;
    return item;
  };
  legend.append(key('key-bar', activityLabel));
  if (d.trade) {
    legend.append(key('key-exports', `${d.trade.reporter} exports to ${d.trade.partner}`));
    legend.append(key('key-imports', `${d.trade.reporter} imports from ${d.trade.partner}`));
  }
  root.replaceChildren(svg, legend);
}
