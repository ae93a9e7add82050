import type { AnalysisDto } from '../../../server/contracts/analysis.js';
import type { StringKey } from '../i18n/en.js';
import { t } from '../i18n/t.js';
import { el } from './dom.js';

type Correlation = AnalysisDto['correlations'][number];

const SVG = 'http://www.w3.org/2000/svg';
const W = 72;
const H = 16;

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** r on −1…+1 as x in the little strip. */
const xOf = (r: number) => 4 + ((r + 1) / 2) * (W - 8);

/** The strip beside each row: the zero line, the 95 % interval as a bar and r as a dot. Decoration: the row's text says it all. */
function strip(c: Correlation): SVGElement {
  const s = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true', class: 'corr-strip' });
  s.append(
    svg('line', { x1: xOf(-1), x2: xOf(1), y1: H / 2, y2: H / 2, class: 'corr-axis' }),
    svg('line', { x1: xOf(0), x2: xOf(0), y1: 2, y2: H - 2, class: 'corr-zero' }),
  );
  if (c.ci95) s.append(svg('line', { x1: xOf(c.ci95[0]), x2: xOf(c.ci95[1]), y1: H / 2, y2: H / 2, class: 'corr-ci' }));
  if (c.r !== null) s.append(svg('circle', { cx: xOf(c.r), cy: H / 2, r: 3.5, class: 'corr-r' }));
  return s;
}

const fixed = (v: number) => v.toFixed(2).replace('-', '−');

/**
 * The server's correlations of activity with trade at lags 0–3, for levels and for month-on-month changes,
 * as a table (readable by anyone, screen readers included) with a small dot-and-interval strip per row.
 */
export function correlationChart(correlations: Correlation[]): HTMLElement {
  const head = el('tr', {},
    el('th', { scope: 'col' }, t('correlationLagHeader')),
    el('th', { scope: 'col', className: 'num' }, t('correlationRHeader')),
    el('th', { scope: 'col', className: 'num' }, t('correlationCiHeader')),
    el('th', { scope: 'col', className: 'num' }, t('correlationNHeader')),
    el('th', { scope: 'col' }, el('span', { className: 'visually-hidden' }, t('correlationChartHeader'))),
  );
  const groups = (['level', 'change'] as const).map((on) => el('tbody', {},
    el('tr', { className: 'corr-group' }, el('th', { scope: 'colgroup', colspan: 5 }, t(`correlationOn_${on}` as StringKey))),
    ...correlations.filter((c) => c.on === on).map((c) => el('tr', { 'data-on': on, 'data-lag': c.lag },
      el('th', { scope: 'row' }, t('correlationLagMonths', { lag: c.lag })),
      el('td', { className: 'num corr-r-value' }, c.r === null ? t('correlationNone') : fixed(c.r)),
      el('td', { className: 'num' }, c.ci95 ? `${fixed(c.ci95[0])} – ${fixed(c.ci95[1])}` : '—'),
      el('td', { className: 'num corr-n' }, String(c.n)),
      el('td', { className: 'corr-strip-cell' }, strip(c)),
    )),
  ));
  return el('table', { className: 'correlation-chart' },
    el('caption', {}, t('correlationsTitle')),
    el('thead', {}, head),
    ...groups,
  );
}
