import type { CrossingFeatureDto, CrossingProperties } from '../../../server/contracts/crossings.js';
import type { ObservationDto } from '../../../server/contracts/observations.js';
import type { AnnualTrade } from '../api.js';
import { t, type NameLanguage } from '../i18n/t.js';
import { el, formatNumber, formatPercent, formatUsd } from './dom.js';

type CrossingFeature = CrossingFeatureDto;

export type PanelAnalysis = {
  metricLabel: string;
  month: string | null;
  value: number | null;
  change: number | null;
  baselineLabel: string;
  yoy: number | null;
  /** The change or year-over-year figure would compare a real month with a synthetic one: not computed. */
  changeMixed: boolean;
  yoyMixed: boolean;
};

function namesBlock(p: CrossingProperties) {
  return el('div', { className: 'names' },
    el('h2', { id: 'panel-title', tabindex: -1 }, p.names.en),
    p.names.zh ? el('p', { lang: 'zh', className: 'name-zh' }, p.names.zh) : null,
    p.names.ko ? el('p', { lang: 'ko', className: 'name-ko' }, p.names.ko) : null,
  );
}

function facts(f: CrossingFeature) {
  const p = f.properties;
  const row = (k: string, v: string) => [el('dt', {}, k), el('dd', {}, v)];
  return el('dl', { className: 'facts' },
    ...row(t('panelKind'), p.kindNote ?? p.kind),
    ...row(t('panelCountries'), p.countries.join('–')),
    ...row(t('panelStatus'), p.status.replaceAll('_', ' ')),
    ...row(t('panelLocation'), f.geometry ? f.geometry.coordinates.slice().reverse().map((c) => c.toFixed(5)).join(', ') : t('locationUnknown')),
  );
}

const changeText = (v: number | null, mixed: boolean) => (mixed ? t('notComputedMixed') : formatPercent(v));

/** The crossing's value in the month shown and its changes; the correlations are the server's, in the customs section. */
function analysisBlock(a: PanelAnalysis) {
  return el('section', { className: 'analysis', 'aria-label': t('panelValueInMonth', { metric: a.metricLabel, month: a.month ?? '—' }) },
    el('h3', {}, t('panelValueInMonth', { metric: a.metricLabel, month: a.month ?? '—' })),
    el('p', { className: 'value', id: 'panel-value' }, a.value === null ? t('noValue') : formatNumber(a.value, 1)),
    el('p', { className: 'change' }, `${t('change', { baseline: a.baselineLabel })}: ${changeText(a.change, a.changeMixed)}`),
    el('p', { className: 'yoy' }, `${t('yoy')}: ${changeText(a.yoy, a.yoyMixed)}`),
  );
}

function latestBlock(items: ObservationDto[] | null) {
  if (items === null) return el('p', {}, t('loading', { what: t('whatObservations') }));
  if (items.length === 0) return el('p', {}, t('panelNoObservations'));
  return el('ul', { className: 'latest' }, ...items.map((o) =>
    el('li', {},
      `${o.observedAt.slice(0, 10)} · ${o.metric.replaceAll('_', ' ')} ${formatNumber(o.value, 1)} · ${o.method}`,
      o.synthetic ? el('span', { className: 'synthetic-tag' }, ` (${t('demoNote')})`) : null,
      el('div', { className: 'source' }, o.source),
    )));
}

export function annualBlock(annual: AnnualTrade | null) {
  if (!annual || annual.years.length === 0) return null;
  return el('section', { className: 'annual' },
    el('h3', {}, `${t('annualTitle')} (${annual.reporter}–${annual.partner})`),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('annualYear')), el('th', { scope: 'col' }, t('annualTotal')), el('th', { scope: 'col' }, t('annualSource')))),
      el('tbody', {}, ...annual.years.map((y) =>
        el('tr', {},
          el('th', { scope: 'row' }, y.period),
          el('td', {},
            formatUsd(y.total?.valueUsd ?? null),
            y.total?.derived ? el('div', { className: 'caveat' }, t('derived')) : null,
            el('div', { className: 'coverage' }, t('annualCoverage', { n: y.monthCoverage.monthsWithTotal }))),
          el('td', { className: 'source' }, y.total ? `${y.total.source} [${y.total.basis}]` : '—'),
        ))),
    ),
  );
}

/** The side panel: the selected crossing (names, facts, analysis, latest observations, sources) and the lists. */
export function renderPanel(
  root: HTMLElement,
  opts: {
    crossings: CrossingFeature[];
    selected: CrossingFeature | null;
    analysis: PanelAnalysis | null;
    latest: ObservationDto[] | null;
    annual: AnnualTrade | null;
    /** "What activity says about customs", for the selected crossing or else the border. */
    customs: HTMLElement | null;
    lang: NameLanguage;
    onSelect: (id: string) => void;
  },
) {
  const { selected } = opts;
  const list = (items: CrossingFeature[]) => el('ul', { className: 'crossing-list' }, ...items.map((f) => {
    const b = el('button', { type: 'button', className: 'link', 'aria-pressed': f.properties.id === selected?.properties.id ? 'true' : 'false' },
      f.properties.names[opts.lang] ?? f.properties.names.en);
    b.addEventListener('click', () => opts.onSelect(f.properties.id));
    return el('li', {}, b, f.geometry ? null : el('span', { className: 'unknown-location' }, ` — ${t('locationUnknown')}`));
  }));
  const unknown = opts.crossings.filter((f) => !f.geometry);
  // The reader's own opening or closing of the list outlives a redraw (a selection, a month step).
  const listWasOpen = root.querySelector<HTMLDetailsElement>('details.lists')?.open;
  const parts: (Node | null)[] = [
    selected
      ? el('section', { className: 'selected', 'aria-labelledby': 'panel-title' },
          namesBlock(selected.properties),
          facts(selected),
          opts.analysis ? analysisBlock(opts.analysis) : null,
        )
      : el('p', {}, t('panelPrompt')),
    opts.customs,
    selected ? el('section', { className: 'crossing-more', 'aria-label': t('panelLatest') },
      el('h3', {}, t('panelLatest')),
      latestBlock(opts.latest),
      el('h3', {}, t('panelSources')),
      el('ul', { className: 'sources' }, ...selected.properties.sources.map((s) => el('li', {}, s))),
    ) : null,
    annualBlock(opts.annual),
    // Open only while short: a hundred US ports would bury the analysis above it.
    // Crossings without a location are listed once, in their own section below.
    el('details', { className: 'lists', open: listWasOpen ?? (!selected && opts.crossings.length <= 20) },
      el('summary', {}, t('crossingsList')), list(opts.crossings.filter((f) => f.geometry))),
    unknown.length ? el('section', { className: 'unknown' }, el('h3', {}, t('unknownLocationTitle')), list(unknown)) : null,
  ];
  root.replaceChildren(...parts.filter((p): p is Node => p !== null));
}
