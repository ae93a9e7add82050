import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TradeFigureDto, TradePeriodDto } from '../../../server/contracts/trade.js';
import { t } from '../i18n/t.js';
import { el, formatNumber, formatUsd } from './dom.js';

export type ChartInput = {
  months: string[];
  trade: Map<string, TradePeriodDto>;
  activity: (number | null)[];
  activityLabel: string;
  selectedMonth: string | null;
};

const monthSeconds = (m: string) => Date.parse(`${m}-01T00:00:00Z`) / 1000;

function describeFigure(label: string, f: TradeFigureDto | null | undefined): string {
  if (!f) return `${label}: ${t('chartGap')}`;
  const notes = [f.derived ? t('derived') : '', f.approximate ? t('approximate') : ''].filter(Boolean).join(' ');
  return `${label}: ${formatUsd(f.valueUsd)} ${notes} — ${t('chartSource', { source: f.source })} [${f.basis}]`;
}

/**
 * Monthly trade (China's exports to and imports from the partner) with the selected crossing's
 * activity on the same month axis. Months without a figure are gaps (null), never zeros.
 * Hovering a month lists each value with its source below the chart.
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
    return { width: Math.max(300, this.canvasBox.clientWidth), height: 190 };
  }

  /** Redraws with new data; a month change alone only moves the cursor line (cheap). */
  update(input: ChartInput) {
    const sameData = this.input && this.input.months === input.months && this.input.activity === input.activity && this.input.trade === input.trade;
    this.input = input;
    if (sameData && this.plot) {
      this.plot.redraw(false, false);
      this.describeMonth(input.selectedMonth);
      return;
    }
    this.plot?.destroy();
    const xs = input.months.map(monthSeconds);
    const flow = (pick: (p: TradePeriodDto) => TradeFigureDto | null) =>
      input.months.map((m) => {
        const p = input.trade.get(m);
        return p ? pick(p)?.valueUsd ?? null : null;
      });
    const data: uPlot.AlignedData = [xs, flow((p) => p.exports), flow((p) => p.imports), input.activity];
    const opts: uPlot.Options = {
      ...this.size(),
      scales: { x: { time: true }, usd: {}, act: {} },
      series: [
        { label: t('month'), value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 7)) },
        { label: t('chartExports'), scale: 'usd', stroke: '#b35806', width: 2, points: { show: true, size: 5 }, value: (_u, v) => formatUsd(v) },
        { label: t('chartImports'), scale: 'usd', stroke: '#542788', width: 2, points: { show: true, size: 5 }, value: (_u, v) => formatUsd(v) },
        { label: input.activityLabel, scale: 'act', stroke: '#1b7837', width: 1.5, dash: [4, 3], points: { show: true, size: 4 }, value: (_u, v) => formatNumber(v, 1) },
      ],
      axes: [
        {},
        { scale: 'usd', values: (_u, ticks) => ticks.map((v) => formatUsd(v)), size: 70 },
        { scale: 'act', side: 1, grid: { show: false }, size: 50 },
      ],
      hooks: {
        draw: [(u) => this.drawSelectedMonth(u)],
        setCursor: [(u) => {
          const i = u.cursor.idx;
          this.describeMonth(i === null || i === undefined ? this.input?.selectedMonth ?? null : this.input!.months[i]);
        }],
      },
    };
    this.plot = new uPlot(opts, data, this.canvasBox);
    this.describeMonth(input.selectedMonth);
  }

  /** The month under the cursor (or the selected one) with each figure's value and source. */
  private describeMonth(month: string | null | undefined) {
    if (!month || !this.input) {
      this.hoverText.replaceChildren();
      return;
    }
    const p = this.input.trade.get(month);
    const i = this.input.months.indexOf(month);
    const lines = [
      describeFigure(t('chartExports'), p?.exports),
      describeFigure(t('chartImports'), p?.imports),
      describeFigure('Total', p?.total),
      `${this.input.activityLabel}: ${formatNumber(i >= 0 ? this.input.activity[i] : null, 1)}`,
    ];
    this.hoverText.replaceChildren(el('strong', { className: 'chart-month' }, month), ...lines.map((l) => el('div', {}, l)));
  }

  private drawSelectedMonth(u: uPlot) {
    const month = this.input?.selectedMonth;
    if (!month) return;
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
