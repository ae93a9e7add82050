import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AnalysisDto } from '../../../server/contracts/analysis.js';
import { t } from '../i18n/t.js';
import { el, formatNumber, formatUsd } from './dom.js';

export type ChartInput = {
  /** The server's analysis: its months pair activity with trade by the one rule the API, map and embed share. */
  analysis: AnalysisDto | null;
  tradeLabel: string;
  activityLabel: string;
  /** The activity axis's unit ("vehicles", "minutes"). */
  activityUnit: string;
  selectedMonth: string | null;
};

const monthSeconds = (m: string) => Date.parse(`${m}-01T00:00:00Z`) / 1000;
const NOWCAST = '#c2185b';
const HALF_MONTH = 15 * 86400;

/**
 * Monthly trade of the analysed flow with the activity of the selected crossing or border on the same
 * month axis, and the nowcast of months customs has not published yet as points with their 95 % interval
 * (whiskers). Months without a figure are gaps (null), never zeros. Hovering a month lists each value with
 * its source below the chart.
 */
export class TradeChart {
  private plot: uPlot | null = null;
  private input: ChartInput | null = null;
  private readonly canvasBox = el('div', { className: 'chart-canvas' });
  readonly hoverText = el('div', { className: 'chart-hover', 'aria-live': 'polite', id: 'chart-hover' });

  constructor(private readonly root: HTMLElement) {
    root.replaceChildren(el('h2', {}, t('chartTitle')), this.canvasBox, this.hoverText);
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(this.canvasBox);
  }

  private size() {
    // Narrow screens get the full width they have (no sideways scroll), wide ones a taller plot.
    const width = Math.max(260, this.canvasBox.clientWidth);
    return { width, height: width < 500 ? 190 : 170 };
  }

  /** Redraws with new data; a month change alone only moves the cursor line (cheap). */
  update(input: ChartInput) {
    const before = this.input;
    const sameData = before && before.analysis === input.analysis && before.tradeLabel === input.tradeLabel && before.activityLabel === input.activityLabel && before.activityUnit === input.activityUnit;
    this.input = input;
    if (sameData && this.plot) {
      this.plot.redraw(false, false);
      this.describeMonth(input.selectedMonth);
      return;
    }
    this.plot?.destroy();
    this.plot = null;
    this.canvasBox.removeAttribute('data-nowcast');
    const a = input.analysis;
    if (!a || a.months.length === 0) {
      this.hoverText.replaceChildren(el('p', {}, t('chartNoAnalysis')));
      return;
    }
    const months = a.months;
    const hasNowcast = months.some((m) => m.nowcast);
    const trade = months.map((m) => m.trade);
    const usdValues = [...trade, ...months.flatMap((m) => (m.nowcast ? [m.nowcast.low, m.nowcast.high] : []))].filter((v): v is number => v !== null);
    // A border without trade figures draws its activity alone, with no empty trade entry in the legend.
    const hasTrade = a.trade !== null;
    const data: (number | null)[][] = [months.map((m) => monthSeconds(m.month))];
    const series: uPlot.Series[] = [
      { label: t('month'), value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 7)) },
    ];
    if (hasTrade) {
      data.push(trade);
      series.push({ label: t('chartTradeSeries', { trade: input.tradeLabel }), scale: 'usd', stroke: '#542788', width: 2, points: { show: true, size: 5 }, value: (_u, v) => formatUsd(v) });
    }
    data.push(months.map((m) => m.activity));
    series.push({ label: input.activityLabel, scale: 'act', stroke: '#1b7837', width: 1.5, dash: [4, 3], points: { show: true, size: 4 }, value: (_u, v) => formatNumber(v, 0) });
    if (hasNowcast) {
      data.push(months.map((m) => m.nowcast?.value ?? null));
      series.push({
        label: t('chartNowcast'), scale: 'usd', stroke: NOWCAST, width: 2, paths: () => null,
        points: { show: true, size: 10, fill: '#fff', stroke: NOWCAST, width: 2.5 }, value: (_u, v) => formatUsd(v),
      });
    }
    const lo = usdValues.length ? Math.min(...usdValues) : 0;
    const hi = usdValues.length ? Math.max(...usdValues) : 1;
    const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
    const opts: uPlot.Options = {
      ...this.size(),
      // The USD scale covers the nowcast's interval too, so the whiskers are never cut off.
      // Half a month of room each side, so a point (the nowcast, often the last month) is not cut by the edge.
      scales: { x: { time: true, range: (_u, min, max) => [min - HALF_MONTH, max + HALF_MONTH] }, usd: { range: () => [Math.max(0, lo - pad), hi + pad] }, act: {} },
      series,
      // Series names only: the month's values are written out below the chart, with their sources.
      legend: { live: false },
      // Two units, two labelled axes: USD on the left, the activity's unit on the right.
      axes: [
        {},
        hasTrade ? { scale: 'usd', label: t('chartAxisUsd'), labelSize: 16, values: (_u, ticks) => ticks.map((v) => usdTick(v)), size: 60 } : { scale: 'usd', show: false },
        { scale: 'act', side: 1, label: input.activityUnit, labelSize: 16, grid: { show: false }, size: 52, values: (_u, ticks) => ticks.map((v) => compact(v)) },
      ],
      hooks: {
        // The nowcast's whiskers go over the month line, which would otherwise hide them in the last month.
        draw: [(u) => this.drawSelectedMonth(u), (u) => this.drawNowcastIntervals(u)],
        setCursor: [(u) => {
          const i = u.cursor.idx;
          this.describeMonth(i === null || i === undefined ? this.input?.selectedMonth ?? null : this.input?.analysis?.months[i]?.month);
        }],
      },
    };
    this.plot = new uPlot(opts, data as uPlot.AlignedData, this.canvasBox);
    this.describeMonth(input.selectedMonth);
  }

  /** The month under the cursor (or the selected one) with each figure's value and source. */
  private describeMonth(month: string | null | undefined) {
    const m = month ? this.input?.analysis?.months.find((x) => x.month === month) : undefined;
    if (!month || !m || !this.input) {
      if (this.input?.analysis?.months.length) this.hoverText.replaceChildren();
      return;
    }
    const lines = [
      this.input.analysis?.trade === null
        ? t('chartNoTrade')
        : m.trade === null
        ? `${this.input.tradeLabel}: ${t('chartGap')}`
        : `${this.input.tradeLabel}: ${formatUsd(m.trade)}${m.tradeSource ? ` — ${t('chartSource', { source: m.tradeSource })}` : ''}`,
      `${this.input.activityLabel}: ${formatNumber(m.activity, 0)}`,
      m.nowcast ? `${t('chartNowcast')}: ${formatUsd(m.nowcast.value)} (${formatUsd(m.nowcast.low)} – ${formatUsd(m.nowcast.high)})` : null,
    ];
    // One line each: a long source is cut with an ellipsis on screen and kept whole in its title.
    this.hoverText.replaceChildren(el('strong', { className: 'chart-month' }, month),
      ...lines.filter((l): l is string => l !== null).map((l) => el('div', { title: l }, l)));
  }

  /** Each nowcast month's 95 % interval as a whisker with caps, under its point. */
  private drawNowcastIntervals(u: uPlot) {
    const months = this.input?.analysis?.months ?? [];
    const drawn: string[] = [];
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = NOWCAST;
    ctx.lineWidth = 2 * devicePixelRatio;
    const cap = 5 * devicePixelRatio;
    for (const m of months) {
      if (!m.nowcast) continue;
      const x = Math.round(u.valToPos(monthSeconds(m.month), 'x', true));
      const y0 = u.valToPos(m.nowcast.low, 'usd', true);
      const y1 = u.valToPos(m.nowcast.high, 'usd', true);
      ctx.beginPath();
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y1);
      ctx.moveTo(x - cap, y0);
      ctx.lineTo(x + cap, y0);
      ctx.moveTo(x - cap, y1);
      ctx.lineTo(x + cap, y1);
      ctx.stroke();
      drawn.push(m.month);
    }
    ctx.restore();
    // What was drawn, for tests and tools that cannot read a canvas.
    if (drawn.length) this.canvasBox.dataset.nowcast = drawn.join(' ');
  }

  private drawSelectedMonth(u: uPlot) {
    const month = this.input?.selectedMonth;
    if (!month || !this.input?.analysis?.months.some((m) => m.month === month)) return;
    const x = Math.round(u.valToPos(monthSeconds(month), 'x', true));
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}

/** Axis ticks of trade: "$30 bn", "$2.5 bn", "$180 m" — short enough for the axis, whole numbers where they are. */
function usdTick(v: number): string {
  const [scaled, unit] = Math.abs(v) >= 1e9 ? [v / 1e9, 'bn'] : [v / 1e6, 'm'];
  return `$${Number.isInteger(scaled) ? scaled : scaled.toFixed(1)} ${unit}`;
}

/** Axis ticks of activity: 540,000 reads as 540k, so the right axis stays narrow. */
function compact(v: number): string {
  return Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e3 ? `${Math.round(v / 1e3)}k` : formatNumber(v, 0);
}
