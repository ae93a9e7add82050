import type { AnalysisDto } from '../../../server/contracts/analysis.js';
import { analysisCsv } from '../analysis/analysis-csv.js';
import type { StringKey } from '../i18n/en.js';
import { t } from '../i18n/t.js';
import { correlationChart } from './correlation-chart.js';
import { el, formatNumber, formatPercent, formatUsd } from './dom.js';

export type AnalysisContext = {
  /** "Vehicles crossing", the metric as the filters name it. */
  activityLabel: string;
  /** "all United States – Mexico crossings", or the selected crossing's name. */
  place: string;
  /** "US imports from Mexico", or null when no trade series exists. */
  tradeLabel: string | null;
  crossingName: (id: string) => string;
};

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const modelName = (model: string) => t(`model_${model.replaceAll('-', '_')}` as StringKey);
const key = (prefix: string, v: string) => t(`${prefix}${v.replaceAll('-', '_')}` as StringKey);

function forecastBlock(a: AnalysisDto) {
  const c = a.chosen;
  if (c.verdict === 'insufficient-data') {
    const paired = a.months.filter((m) => m.activity !== null && m.trade !== null).length;
    return el('p', { className: 'caveat analysis-insufficient' }, t('analysisInsufficient', { n: paired }));
  }
  const ev = a.backtest.evaluationMonths;
  const chosen = c.model === null ? '—' : c.model === 'naive-previous' || c.lag === null ? modelName(c.model) : t('modelLag', { model: modelName(c.model), lag: c.lag });
  return el('div', { className: 'forecast' },
    el('p', { className: 'verdict' }, key('verdict_', c.verdict)),
    el('dl', { className: 'facts' },
      el('dt', {}, t('analysisChosen')), el('dd', { className: 'chosen-model' }, `${chosen} · ${t('analysisModelMape', { mape: pct(c.mape) })}`),
      el('dt', {}, t('analysisNaive')), el('dd', { className: 'naive-model' }, t('analysisModelMape', { mape: pct(c.naiveMape) })),
    ),
    ev.length ? el('p', { className: 'scored' }, t('analysisScored', { n: ev.length, from: ev[0], to: ev.at(-1)! })) : null,
    el('p', { className: 'hint' }, t('mapeHint')),
  );
}

function nowcastBlock(a: AnalysisDto) {
  if (a.nowcast.length === 0) return el('p', {}, t('nowcastNone'));
  return el('ul', { className: 'nowcast' }, ...a.nowcast.map((n) => el('li', {},
    el('strong', {}, t('nowcastLine', { month: n.month, value: formatUsd(n.value), low: formatUsd(n.low), high: formatUsd(n.high) })),
    el('div', { className: n.overdue ? 'caveat' : 'when' },
      n.expectedPublication === null ? t('nowcastNoDate') : t(n.overdue ? 'nowcastOverdue' : 'nowcastExpected', { date: n.expectedPublication })),
  )));
}

function anomaliesBlock(a: AnalysisDto, ctx: AnalysisContext) {
  if (a.anomalies.length === 0) return el('p', {}, t('anomaliesNone'));
  const items = el('ul', { className: 'anomalies' }, ...a.anomalies.map((x) => el('li', { className: `anomaly-${x.direction}` },
    t('anomalyLine', {
      month: x.month, crossing: ctx.crossingName(x.crossing), direction: t(`anomaly_${x.direction}`),
      value: formatNumber(x.value), relative: formatPercent(x.relative), median: formatNumber(x.median),
    }))));
  // A long list would push the download button far down: it folds, with its count in view.
  return el('details', { className: 'anomaly-list', open: a.anomalies.length <= 5 },
    el('summary', {}, t('anomaliesCount', { n: a.anomalies.length })), items);
}

function downloadButton(a: AnalysisDto) {
  const b = el('button', { type: 'button', className: 'download-analysis' }, t('downloadAnalysis'));
  b.addEventListener('click', () => {
    const name = a.crossing ?? `${a.reporter}-${a.partner}`;
    const link = el('a', { href: URL.createObjectURL(new Blob([analysisCsv(a)], { type: 'text/csv' })), download: `landport-analysis-${name}-${a.flow}.csv` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  return b;
}

/**
 * "What activity says about customs": the server's analysis of the selected crossing or border, in plain
 * words first, then the forecast test, the correlations by lag, the nowcast and the unusual months.
 * Every number is the server's, so the map, the embed and the API agree.
 */
export function analysisSection(a: AnalysisDto, ctx: AnalysisContext): HTMLElement {
  return el('section', { className: 'customs-analysis', 'aria-labelledby': 'analysis-title' },
    el('h3', { id: 'analysis-title' }, t('analysisTitle')),
    a.synthetic ? el('p', { className: 'synthetic-warning', role: 'note' }, t('analysisSynthetic')) : null,
    el('p', { className: 'analysis-summary' }, a.summary),
    el('p', { className: 'scope' }, ctx.tradeLabel
      ? t('analysisScope', { activity: ctx.activityLabel, place: ctx.place, trade: ctx.tradeLabel })
      : t('analysisScopeNoTrade', { activity: ctx.activityLabel, place: ctx.place })),
    a.syntheticLeftOut > 0 ? el('p', { className: 'caveat' }, t('analysisSyntheticLeftOut', { n: a.syntheticLeftOut })) : null,
    el('h4', {}, t('analysisForecastTitle')),
    forecastBlock(a),
    correlationChart(a.correlations),
    el('h4', {}, t('nowcastTitle')),
    nowcastBlock(a),
    el('h4', {}, t('anomaliesTitle')),
    anomaliesBlock(a, ctx),
    downloadButton(a),
  );
}
