import type { EmbedDataDto } from '../../../server/contracts/embeds.js';
import { describeChange, describeHeadline, formatMonth, formatValue } from '../analysis/headline-summary.js';
import { nameIn, t, type NameLanguage } from '../i18n/t.js';
import { el, formatUsd } from '../ui/dom.js';
import { renderEmbedChart } from './embed-chart.js';
import { renderEmbedLegend } from './embed-legend.js';
import { compactSources } from './compact-sources.js';
import { nameElement } from './crossing-name.js';
import type { EmbedFlags } from './flags.js';

/** The parts of the embed that change with the data; the map box stays put across refreshes. */
export type EmbedElements = {
  title: HTMLElement; figure: HTMLElement; summary: HTMLElement; demo: HTMLElement;
  /** The analysis of the view's border or crossing: its nowcast headline and its plain-words verdict. */
  analysis: HTMLElement;
  mapBox: HTMLElement;
  /** What the map's circle sizes and colours mean: beside the map when there is room, else under it. */
  legend: HTMLElement;
  chart: HTMLElement; footer: HTMLElement;
  /** The server's static image of the view, shown only on paper (a WebGL canvas may print blank). */
  printImage: HTMLImageElement;
};

export function buildEmbedLayout(root: HTMLElement, flags: EmbedFlags): EmbedElements {
  const parts: EmbedElements = {
    title: el('h1', { className: 'embed-title' }),
    figure: el('p', { className: 'embed-figure' }),
    summary: el('p', { className: 'visually-hidden', id: 'embed-summary' }),
    demo: el('p', { className: 'embed-demo', role: 'note' }),
    analysis: el('div', { className: 'embed-analysis' }),
    mapBox: el('div', { className: 'embed-map', id: 'embed-map' }),
    legend: el('section', { className: 'embed-legend', 'aria-label': t('embedLegend') }),
    chart: el('div', { className: 'embed-chart' }),
    footer: el('footer', { className: 'embed-footer' }),
    // Lazy and hidden on screen, so a reader who never prints never downloads it.
    printImage: el('img', { className: 'embed-print-image', loading: 'lazy', alt: '' }),
  };
  const header = el('header', { className: 'embed-header' }, parts.title, parts.figure, parts.summary);
  if (flags.plain) {
    // The publisher's page shows the title; a screen reader in the frame still hears what it is.
    parts.title.classList.add('visually-hidden');
    parts.footer.hidden = true;
  }
  const mapArea = el('div', { className: 'embed-map-area' }, parts.mapBox, parts.legend);
  root.replaceChildren(header, parts.demo, parts.analysis, mapArea, parts.chart, parts.footer, parts.printImage);
  return parts;
}

function headlineFacts(d: EmbedDataDto, place: string, locale: string) {
  return {
    metric: d.metric, vehicleClass: d.view.vehicleClass, place,
    month: d.month, value: d.headline.value, change: d.headline.change, baseline: d.headline.baseline,
    range: d.months.length ? { from: d.months[0], to: d.months.at(-1)! } : null, synthetic: d.headline.synthetic, locale,
  };
}

/**
 * The headline sentence with the crossing's name in the reader's language, for attributes (alt text,
 * aria-label) that cannot say which language a word is in: there the name stays English.
 */
export function summaryOf(d: EmbedDataDto, lang: NameLanguage, locale: string): string {
  const crossing = d.crossings.find((c) => c.id === d.crossing);
  return describeHeadline(headlineFacts(d, crossing ? nameIn(crossing.names, lang) : 'the crossings shown', locale));
}

/** The same sentence as text with the name as its own element, carrying its language. */
function summaryNodes(d: EmbedDataDto, lang: NameLanguage, locale: string): (string | Node)[] {
  const crossing = d.crossings.find((c) => c.id === d.crossing);
  if (!crossing) return [summaryOf(d, lang, locale)];
  const PLACE = '\u0000';
  const [before, after] = describeHeadline(headlineFacts(d, PLACE, locale)).split(PLACE);
  return [before, nameElement(crossing.names, lang), after];
}

/** Whether the reader's locale writes dates in words of another language than the page's English. */
const foreignDates = (locale: string) => !/^en\b/i.test(locale);

/** Fills title, headline, screen-reader summary, chart and source line from the data; text only, never HTML. */
export function renderEmbed(parts: EmbedElements, d: EmbedDataDto, opts: { lang: NameLanguage; locale: string; static: boolean }) {
  const summary = summaryOf(d, 'en', opts.locale);
  parts.title.textContent = d.title;
  const value = d.headline.value === null ? t('embedNoValue') : formatValue(d.metric, d.headline.value, opts.locale);
  const change = d.month ? describeChange(d.headline.change, d.month, d.headline.baseline, opts.locale) : null;
  const direction = d.headline.change === null ? 'flat' : d.headline.change > 0 ? 'up' : d.headline.change < 0 ? 'down' : 'flat';
  // The month stands alone, so it follows the locale (in its language); the change is an English phrase
  // with its own English month, on a line of its own when the locale's month is in another language.
  parts.figure.classList.toggle('embed-figure-foreign-dates', foreignDates(opts.locale));
  parts.figure.replaceChildren(
    el('strong', { className: 'embed-value', 'aria-hidden': 'true' }, value),
    d.month ? el('span', { className: 'embed-month', 'aria-hidden': 'true', lang: opts.locale }, formatMonth(d.month, opts.locale)) : '',
    change ? el('span', { className: `embed-change embed-change-${direction}`, 'aria-hidden': 'true' }, change) : '',
  );
  parts.summary.replaceChildren(...summaryNodes(d, opts.lang, opts.locale));
  // Print is on paper: always the light image, which carries title, figure, map and sources itself.
  const printSrc = `/embed/${d.viewId}/image.png?width=1200&height=800`;
  if (parts.printImage.getAttribute('src') !== printSrc) parts.printImage.src = printSrc;
  parts.printImage.alt = summary;
  parts.demo.textContent = t('embedSynthetic');
  parts.demo.hidden = !d.synthetic;
  renderAnalysis(parts.analysis, d.analysis);
  // A map is a picture to a screen reader: it is given the sentence it stands for.
  parts.mapBox.setAttribute('role', opts.static ? 'img' : 'region');
  parts.mapBox.setAttribute('aria-label', t('embedMapLabel', { summary }));
  renderEmbedLegend(parts.legend, d, opts.locale);
  renderEmbedChart(parts.chart, d, { locale: opts.locale, lang: opts.lang });

  const sources = [
    d.sources.trade.length ? t('embedTradeSource', { sources: compactSources(d.sources.trade) }) : '',
    d.sources.observations.length ? t('embedObservationSource', { sources: compactSources(d.sources.observations) }) : '',
  ].filter(Boolean).join('. ');
  parts.footer.replaceChildren(
    el('p', { className: 'embed-source' }, `${t('embedSource')}: ${sources || t('embedNoData')}`),
    el('p', { className: 'embed-links' },
      el('a', { href: `/embed/${d.viewId}/data.csv`, download: `landport-${d.viewId}.csv`, className: 'embed-data-link' }, t('embedGetData')),
      ' · ',
      el('a', { href: `/${viewQuery(d)}`, target: '_blank', rel: 'noopener' }, t('embedOpenInLandport'))),
  );
}

/**
 * The next month customs has not published, as the model nowcasts it, and the analysis in one sentence;
 * nothing when the view has no analysis (no trade figures to compare with).
 */
function renderAnalysis(root: HTMLElement, a: EmbedDataDto['analysis']) {
  root.hidden = a === null;
  if (!a) {
    root.replaceChildren();
    return;
  }
  const next = a.nowcast[0];
  const when = next?.expectedPublication
    ? t(next.overdue ? 'embedNowcastOverdue' : 'embedNowcastExpected', { date: next.expectedPublication })
    : null;
  root.replaceChildren(
    next ? el('p', { className: 'embed-nowcast' },
      t('embedNowcast', { month: next.month, value: formatUsd(next.value), low: formatUsd(next.low), high: formatUsd(next.high) }),
      when ? `, ${when}` : '') : '',
    el('p', { className: 'embed-analysis-summary' }, a.summary),
  );
}

/** The analyst map's URL for the same view. */
function viewQuery(d: EmbedDataDto): string {
  const p = new URLSearchParams();
  const v = d.view;
  for (const [k, val] of Object.entries({ crossing: v.crossing, border: v.border, flow: v.flow === 'imports' ? null : v.flow, metric: v.metric, from: v.from, to: v.to, month: d.month, vehicleClass: v.vehicleClass, direction: v.direction, method: v.method })) {
    if (val) p.set(k, val);
  }
  return `?${p}`;
}
