import type { EmbedDataDto } from '../../../server/contracts/embeds.js';
import { radiusFor } from '../analysis/crossing-symbols.js';
import { metricPhrase } from '../analysis/headline-summary.js';
import { t } from '../i18n/t.js';
import { el } from '../ui/dom.js';
import { changeSteps, NO_CHANGE_COLOR, type ChangeStep } from './change-steps.js';
import { aggregationOf } from '../analysis/aggregation.js';
import { CIRCLE_OPACITY, STROKE_WIDTH } from './map-palette.js';
import { referenceValues, sizeScaleMax } from './size-scale.js';
import { svgEl } from './svg.js';

const LABEL_GAP = 11;

/**
 * What the map's circles mean: size (reference circles drawn by the map's own rule, with their
 * values), colour (the change steps of the map's colour rule), grey, faint and outlined circles.
 * Below the map on narrow embeds, beside it on wide ones; never over it.
 */
export function renderEmbedLegend(root: HTMLElement, d: EmbedDataDto, locale: string) {
  root.replaceChildren(sizeBlock(d, locale), colourBlock(d, locale));
}

function sizeBlock(d: EmbedDataDto, locale: string): HTMLElement {
  const max = sizeScaleMax(d.crossings);
  const values = max === null ? [] : referenceValues(max);
  if (max === null || !values.length) return el('div', { className: 'legend-block legend-size' }, el('p', { className: 'legend-title' }, t('embedLegendSizeNone')));
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const title = t('embedLegendSize', { what: metricPhrase(d.metric, d.view.vehicleClass), aggregation: t(`embedAggregation_${aggregationOf(d.metric)}`) });
  const radii = values.map((v) => radiusFor(v, max));
  const outer = radii[0];
  // Circles share their bottom, as proportional-symbol legends do; each value is written level with its circle's top.
  const labelY: number[] = [];
  radii.forEach((r, i) => labelY.push(Math.max(2 * (outer - r) + 4, i ? labelY[i - 1] + LABEL_GAP : 0)));
  const height = Math.ceil(Math.max(2 * outer + 2, labelY.at(-1)! + 4));
  const textX = 2 * outer + 10;
  const labels = values.map((v) => fmt.format(v));
  const width = Math.ceil(textX + 7 * Math.max(...labels.map((l) => l.length)) + 2);
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', class: 'legend-circles' });
  radii.forEach((r, i) => {
    const top = height - 1 - 2 * r;
    svg.append(svgEl('circle', { cx: outer + 1, cy: height - 1 - r, r, class: 'legend-circle' }));
    svg.append(svgEl('polyline', { points: `${outer + 1},${top} ${textX - 6},${top} ${textX - 3},${labelY[i] - 4}`, class: 'legend-leader' }));
    svg.append(svgEl('text', { x: textX, y: labelY[i], class: 'legend-value' }, labels[i]));
  });
  return el('div', { className: 'legend-block legend-size' },
    el('p', { className: 'legend-title' }, title),
    svg,
    el('p', { className: 'visually-hidden' }, t('embedLegendSizeValues', { values: labels.join(', ') })));
}

/** "10 % or more down", "2 % to 10 % down", "within 2 % either way"…: one step of the colour rule in words. */
function stepText(lower: number | null, upper: number | null, pct: (v: number) => string): string {
  if (lower === null) return t('embedLegendStepDownStrong', { pct: pct(-upper!) });
  if (upper === null) return t('embedLegendStepUpStrong', { pct: pct(lower) });
  if (lower < 0 && upper > 0) return t('embedLegendStepFlat', { pct: pct(Math.max(-lower, upper)) });
  if (upper <= 0) return t('embedLegendStepDown', { low: pct(-upper), high: pct(-lower) });
  return t('embedLegendStepUp', { low: pct(lower), high: pct(upper) });
}

function colourBlock(d: EmbedDataDto, locale: string): HTMLElement {
  const steps = changeSteps();
  // The scan finds where a step starts to 0.1 %: whole percents are what the rule says.
  const bound = (s: ChangeStep) => (s.upTo === null ? null : Math.round(s.upTo * 100) / 100);
  const pct = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const signed = (v: number) => new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(v);
  const baseline = t(d.view.baseline === 'previous' ? 'baselinePrevious' : 'baselineTrailing12');

  const cell = 32;
  const width = steps.length * cell + 24;
  const last = steps.length - 2;
  // The outer bounds carry the percent sign; the inner ones are bare numbers, so the labels fit between the swatches.
  const signedNumber = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 });
  const tick = (b: number, i: number) => (i === 0 || i === last ? signed(b) : signedNumber.format(b * 100));
  const scale = svgEl('svg', { width, height: 28, viewBox: `0 0 ${width} 28`, 'aria-hidden': 'true', class: 'legend-steps' });
  steps.forEach((s, i) => {
    scale.append(svgEl('rect', { x: 12 + i * cell, y: 1, width: cell, height: 11, fill: s.color, class: 'legend-swatch' }));
    const b = bound(s);
    if (b !== null) scale.append(svgEl('text', { x: 12 + (i + 1) * cell, y: 25, 'text-anchor': 'middle', class: 'legend-value' }, tick(b, i)));
  });
  const words = el('ul', { className: 'visually-hidden' }, ...steps.map((s, i) => el('li', {}, stepText(i ? bound(steps[i - 1]) : null, bound(s), pct))));

  const key = (className: string, symbol: SVGElement, text: string) => {
    const svg = svgEl('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true' });
    svg.append(symbol);
    return el('li', { className: `legend-key ${className}` }, svg, text);
  };
  const noData = radiusFor(null, 1);
  const keys = el('ul', { className: 'legend-keys' },
    key('legend-not-compared', svgEl('circle', { cx: 8, cy: 8, r: 6, fill: NO_CHANGE_COLOR, 'fill-opacity': CIRCLE_OPACITY.value, 'stroke-width': STROKE_WIDTH.other, class: 'legend-halo' }), t('embedLegendNotCompared')),
    key('legend-no-data', svgEl('circle', { cx: 8, cy: 8, r: noData, fill: NO_CHANGE_COLOR, 'fill-opacity': CIRCLE_OPACITY.noValue, 'stroke-width': STROKE_WIDTH.other, class: 'legend-halo' }), t('embedLegendNoData')),
    key('legend-headline', svgEl('circle', { cx: 8, cy: 8, r: 5.5, fill: 'none', 'stroke-width': STROKE_WIDTH.selected, class: 'legend-selected' }), t('embedLegendHeadline')),
  );
  return el('div', { className: 'legend-block legend-colour' },
    el('p', { className: 'legend-title' }, t('embedLegendColour', { baseline })), scale, words, keys);
}
