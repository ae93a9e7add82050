import type { EmbedDataDto } from '../../../server/contracts/embeds.js';
import { formatMonth, formatValue, metricPhrase } from '../analysis/headline-summary.js';
import { nameIn, t, type NameLanguage } from '../i18n/t.js';
import { el } from '../ui/dom.js';
import { aggregationOf } from '../analysis/aggregation.js';
import { monthTicks, valueAxis } from './chart-scale.js';
import { nameElement } from './crossing-name.js';
import { svgEl } from './svg.js';

const PLOT_HEIGHT = 46;
const PAD = { right: 6, top: 6, bottom: 4, axis: 16 };
/** Roughly how wide a digit or letter of the 11 px tick labels is: enough to keep labels from touching. */
const CHAR_PX = 6.6;
const MILLION = 1e6;

type Panel = { values: (number | null)[][]; classes: string[]; axis: { ticks: number[]; top: number }; format: (v: number) => string; kind: 'bars' | 'lines' };
type ChartOptions = { locale: string; lang: NameLanguage };

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

const pairOf = (trade: NonNullable<EmbedDataDto['trade']>) => ({ reporter: trade.reporter, partner: trade.partner });

const maxOf = (series: (number | null)[][]) => Math.max(0, ...series.flat().filter((v): v is number => v !== null));

/**
 * The embed's chart as SVG, in two panels that share the month axis: the crossing's monthly activity
 * as bars above, the two countries' trade in million US dollars as two lines below. Vehicles and
 * dollars never share a scale; each panel has its own values on its axis and its unit in its title.
 * (uPlot draws the analyst map's chart; the embed's weight budget keeps this one to plain SVG.)
 */
export function renderEmbedChart(root: HTMLElement, d: EmbedDataDto, opts: ChartOptions) {
  const { locale } = opts;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const n = d.months.length;
  const activity: Panel = {
    values: [d.activity], classes: ['chart-bar'], axis: valueAxis(maxOf([d.activity])),
    format: (v) => number.format(v), kind: 'bars',
  };
  const tradeSeries = d.trade ? [d.trade.exports, d.trade.imports].map((vs) => vs.map((v) => (v === null ? null : v / MILLION))) : [];
  const trade: Panel | null = d.trade
    ? { values: tradeSeries, classes: ['chart-exports', 'chart-imports'], axis: valueAxis(maxOf(tradeSeries)), format: (v) => number.format(v), kind: 'lines' }
    : null;

  // Both panels start their months at the same x, so a month lines up across them.
  const longestTick = Math.max(...[activity, trade].flatMap((p) => (p ? p.axis.ticks.map((v) => p.format(v).length) : [])));
  const left = Math.ceil(longestTick * CHAR_PX) + 8;
  const width = Math.max(240, root.clientWidth || 600);
  const plotW = width - left - PAD.right;
  const slot = n ? plotW / n : plotW;
  const x = (i: number) => left + slot * (i + 0.5);
  const selected = d.month ? d.months.indexOf(d.month) : -1;
  // Tooltips are English phrases: their month is English too; the number follows the locale.
  const tooltipMonth = (i: number) => formatMonth(d.months[i], 'en');

  const crossing = d.crossings.find((c) => c.id === d.crossing);
  const what = metricPhrase(d.metric, d.view.vehicleClass);
  const aggregation = t(`embedAggregation_${aggregationOf(d.metric)}`);
  // The title is an English sentence; a name in another script is its own element with its own `lang`.
  const activityTitle = crossing
    ? fillWithName(t('embedChartActivityAt', { what, aggregation }), nameElement(crossing.names, opts.lang))
    : [t('embedChartActivity', { what, aggregation })];
  // Labels of the pictures (attributes cannot mark a language): English names, whole English sentences.
  const activityText = crossing ? t('embedChartActivityAt', { what, aggregation, place: nameIn(crossing.names, 'en') }) : t('embedChartActivity', { what, aggregation });
  const range = n ? { from: formatMonth(d.months[0], 'en'), to: formatMonth(d.months[n - 1], 'en') } : { from: '', to: '' };

  const drawPanel = (p: Panel, withAxis: boolean, label: string, tooltip: (i: number) => string) => {
    const height = PAD.top + PLOT_HEIGHT + (withAxis ? PAD.axis : PAD.bottom);
    const y = (v: number) => PAD.top + PLOT_HEIGHT * (1 - v / p.axis.top);
    const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'embed-chart-svg' });
    if (selected >= 0) svg.append(svgEl('rect', { x: x(selected) - slot / 2, y: PAD.top, width: slot, height: PLOT_HEIGHT, class: 'chart-month' }));
    for (const v of p.axis.ticks) {
      svg.append(svgEl('line', { x1: left, x2: width - PAD.right, y1: y(v), y2: y(v), class: v === 0 ? 'chart-axis' : 'chart-grid' }));
      svg.append(svgEl('text', { x: left - 5, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-value' }, p.format(v)));
    }
    p.values.forEach((values, s) => {
      if (p.kind === 'lines') svg.append(svgEl('path', { d: linePath(values, x, y), class: p.classes[s] }));
      values.forEach((v, i) => {
        if (v === null) return;
        // A tooltip on every bar and dot: hovering shows the month's figure.
        const mark = p.kind === 'bars'
          ? svgEl('rect', { x: x(i) - slot * 0.35, y: y(v), width: Math.max(1, slot * 0.7), height: PAD.top + PLOT_HEIGHT - y(v), class: p.classes[s] })
          // Monthly figures are sparse: a dot per figure keeps a month between two gaps visible.
          : svgEl('circle', { cx: x(i), cy: y(v), r: 2.5, class: `${p.classes[s]}-dot` });
        mark.append(svgEl('title', {}, tooltip(i)));
        svg.append(mark);
      });
    });
    if (withAxis) drawMonthAxis(svg, d.months, { x, left, width, y: PAD.top + PLOT_HEIGHT + 13, locale });
    return svg;
  };

  const parts: Node[] = [
    el('p', { className: 'chart-title' }, el('span', { className: 'key key-bar', 'aria-hidden': 'true' }), ...activityTitle),
    drawPanel(activity, !trade, t('embedChartLabel', { activity: activityText, ...range }),
      (i) => `${tooltipMonth(i)}: ${formatValue(d.metric, d.activity[i]!, locale)}`),
  ];
  if (d.trade && trade) {
    const exportsName = t('embedChartExports', pairOf(d.trade));
    const importsName = t('embedChartImports', pairOf(d.trade));
    parts.push(
      el('p', { className: 'chart-title chart-title-trade' }, `${t('embedChartTrade')}: `,
        el('span', { className: 'key key-exports' }, exportsName), ' ',
        el('span', { className: 'key key-imports' }, importsName)),
      drawPanel(trade, true, t('embedChartLabelTrade', { activity: activityText, reporter: d.trade.reporter, partner: d.trade.partner, ...range }),
        (i) => [[exportsName, tradeSeries[0][i]], [importsName, tradeSeries[1][i]]]
          .filter(([, v]) => v !== null).map(([name, v]) => t('embedChartTradeTooltip', { name: name as string, month: tooltipMonth(i), value: number.format(v as number) })).join('\n')),
    );
  }
  parts.push(figuresTable(d, activityText, tradeSeries, opts));
  root.replaceChildren(...parts);
}

/** Month labels along the bottom, as many as fit without touching, on calendar months. */
function drawMonthAxis(svg: SVGElement, months: string[], a: { x: (i: number) => number; left: number; width: number; y: number; locale: string }) {
  if (!months.length) return;
  const sample = formatMonth('2025-12', a.locale);
  const labelW = sample.length * CHAR_PX + 14;
  const { indexes, yearly } = monthTicks(months, Math.floor((a.width - a.left) / labelW));
  const yearFormat = new Intl.DateTimeFormat(a.locale, { year: 'numeric', timeZone: 'UTC' });
  for (const i of indexes) {
    const text = yearly ? yearFormat.format(new Date(`${months[i]}-01T00:00:00Z`)) : formatMonth(months[i], a.locale);
    const half = (text.length * CHAR_PX) / 2;
    const x = Math.min(Math.max(a.x(i), a.left + half), a.width - half - 2);
    svg.append(svgEl('line', { x1: a.x(i), x2: a.x(i), y1: a.y - 13, y2: a.y - 10, class: 'chart-axis' }));
    svg.append(svgEl('text', { x, y: a.y, 'text-anchor': 'middle', class: 'chart-tick', lang: a.locale }, text));
  }
}

/** `template` with `{place}` replaced by the name's own element. */
function fillWithName(template: string, name: HTMLElement): (string | Node)[] {
  const [before, after = ''] = template.split('{place}');
  return [before, name, after];
}

/** The chart's figures as a table for screen readers: the same months and values, no picture needed. */
function figuresTable(d: EmbedDataDto, activityText: string, tradeSeries: (number | null)[][], opts: ChartOptions): HTMLElement {
  const number = new Intl.NumberFormat(opts.locale, { maximumFractionDigits: 1 });
  const cell = (v: number | null | undefined, format: (v: number) => string) => el('td', {}, v === null || v === undefined ? t('embedChartNoFigure') : format(v));
  const heads = [t('embedChartMonth'), activityText];
  if (d.trade) heads.push(`${t('embedChartExports', pairOf(d.trade))} (${t('embedChartTrade')})`, `${t('embedChartImports', pairOf(d.trade))} (${t('embedChartTrade')})`);
  // Wrapped: a table is as wide as its cells whatever width it is given, and would widen the page.
  return el('div', { className: 'visually-hidden' }, el('table', {},
    el('caption', {}, t('embedChartTable')),
    el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...d.months.map((m, i) => el('tr', {},
      el('th', { scope: 'row', lang: opts.locale }, formatMonth(m, opts.locale)),
      cell(d.activity[i], (v) => formatValue(d.metric, v, opts.locale)),
      ...(d.trade ? tradeSeries.map((s) => cell(s[i], (v) => number.format(v))) : []))))));
}
