import { LngLatBounds, Popup, type Map as MapLibreMap } from 'maplibre-gl';
import type { MonthlyRollupDto } from '../../server/contracts/rollups.js';
import type { ObservationDto } from '../../server/contracts/observations.js';
import type { TradePeriodDto } from '../../server/contracts/trade.js';
import { crossingMonth, changeColor, maxValue, radiusFor, valueSeries, type CrossingMonth } from './analysis/crossing-symbols.js';
import { laggedCorrelations } from './analysis/lagged-correlation.js';
import { yearOverYear } from './analysis/year-over-year.js';
import { api, type AnnualTrade, type CrossingCollection, type MonthlyTrade } from './api.js';
import type { StringKey } from './i18n/en.js';
import { nameIn, pickLanguage, t, type NameLanguage } from './i18n/t.js';
import { CROSSINGS_LAYER, addCrossingsLayers, applyCrossingSymbols, setCrossingLabels, type CrossingSymbol } from './map/crossings-layer.js';
import { renderPanel } from './ui/crossing-panel.js';
import { el, formatNumber } from './ui/dom.js';
import { renderFilters } from './ui/filters.js';
import { StatusBanner } from './ui/status-banner.js';
import { renderTable, tableRows } from './ui/table-view.js';
import { TimeSlider } from './ui/time-slider.js';
import { TradeChart } from './ui/trade-chart.js';
import { serializeViewState, type ViewState } from './view-state.js';

type Elements = {
  filters: HTMLElement; slider: HTMLElement; chart: HTMLElement; panel: HTMLElement;
  table: HTMLElement; mapBox: HTMLElement; status: HTMLElement; demoNote: HTMLElement; viewToggle: HTMLElement;
};

const EMPTY_ROLLUP: MonthlyRollupDto = { metric: 'queue_vehicles', months: [], crossings: [] };

/** Holds the view and the loaded data, and redraws map, chart, panel and table from them. */
export class Controller {
  private crossings: CrossingCollection = { type: 'FeatureCollection', features: [] };
  private rollup = EMPTY_ROLLUP;
  private series = new Map<string, (number | null)[]>();
  private max = 0;
  private trade: MonthlyTrade | null = null;
  private tradeByMonth = new Map<string, TradePeriodDto>();
  private annual: AnnualTrade | null = null;
  private latest: ObservationDto[] | null = null;
  private chartActivity: (number | null)[] = [];
  private readonly lang: NameLanguage;
  private readonly banner: StatusBanner;
  private readonly slider: TimeSlider;
  private readonly chart: TradeChart;
  private rollupAbort: AbortController | null = null;
  private layersReady = false;
  private popup = new Popup({ closeButton: false, closeOnClick: false });
  /** Milliseconds from a month change to the next rendered map frame (read by tests and the benchmark). */
  lastStepMs: number | null = null;

  constructor(private readonly map: MapLibreMap, private view: ViewState, private readonly ui: Elements) {
    this.lang = pickLanguage(view.lang);
    this.banner = new StatusBanner(ui.status);
    this.slider = new TimeSlider(ui.slider, (month) => this.setMonth(month));
    this.chart = new TradeChart(ui.chart);
    this.renderViewToggle();
  }

  async start() {
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      this.view.camera = { zoom: this.map.getZoom(), lat: c.lat, lng: c.lng };
      this.writeUrl();
    });
    await Promise.all([this.loadCrossings(), this.loadRollup()]);
    if (!this.view.camera) this.fitToData();
    // A shared URL may name a crossing: its panel needs its latest observations too.
    await Promise.all([this.loadTrade(), this.loadLatest()]);
  }

  private async load<T>(key: string, what: string, run: () => Promise<T>, retry: () => void): Promise<T | null> {
    this.banner.loading(key, what);
    try {
      const result = await run();
      this.banner.done(key);
      return result;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return null;
      this.banner.fail(key, what, (err as Error).message, retry);
      return null;
    }
  }

  private async loadCrossings() {
    const crossings = await this.load('crossings', t('whatCrossings'), () => api.crossings(), () => void this.loadCrossings());
    if (!crossings) return;
    this.crossings = crossings;
    const addLayers = () => {
      if (this.layersReady) setCrossingLabels(this.map, crossings, this.lang);
      else {
        addCrossingsLayers(this.map, crossings, this.lang);
        this.layersReady = true;
        this.wireMapEvents();
      }
      this.drawMonth();
    };
    if (this.map.isStyleLoaded()) addLayers();
    else this.map.once('load', addLayers);
    this.renderFilters();
    this.renderDemoNote();
  }

  private async loadRollup() {
    this.rollupAbort?.abort();
    const abort = (this.rollupAbort = new AbortController());
    const v = this.view;
    const rollup = await this.load('rollup', t('whatActivity'), () =>
      api.rollup({ metric: v.metric, vehicleClass: v.vehicleClass, direction: v.direction, method: v.method, status: v.status, from: v.from, to: v.to }, abort.signal),
      () => void this.loadRollup());
    if (!rollup) return;
    this.rollup = rollup;
    this.series = valueSeries(rollup);
    this.max = maxValue(this.series);
    this.slider.setMonths(rollup.months, this.view.month);
    this.view.month = this.slider.month;
    this.updateChartActivity();
    this.renderDemoNote();
    this.drawMonth();
  }

  /** Trade between the selected crossing's countries (else the first crossing with activity), whichever side reports it. */
  private async loadTrade() {
    const pairOf = (id: string | null) => this.crossings.features.find((f) => f.properties.id === id)?.properties.countries;
    const pair = pairOf(this.view.crossing) ?? pairOf(this.rollup.crossings[0]?.id ?? null) ?? ['CN', 'KP'];
    if (this.trade && pair.includes(this.trade.reporter) && pair.includes(this.trade.partner)) return;
    const result = await this.load('trade', t('whatTrade'), async () => {
      const [ab, ba] = await Promise.all([api.monthlyTrade(pair[0], pair[1]), api.monthlyTrade(pair[1], pair[0])]);
      const monthly = ba.months.length > ab.months.length ? ba : ab;
      return { monthly, annual: await api.annualTrade(monthly.reporter, monthly.partner) };
    }, () => void this.loadTrade());
    if (!result) return;
    this.trade = result.monthly;
    this.tradeByMonth = new Map(result.monthly.months.map((m) => [m.period, m]));
    this.annual = result.annual;
    this.updateChartActivity();
    this.drawMonth();
  }

  private async loadLatest() {
    const id = this.view.crossing;
    this.latest = null;
    if (!id) return;
    const res = await this.load('latest', t('whatObservations'), () => api.latestObservations(id), () => void this.loadLatest());
    if (res && this.view.crossing === id) {
      this.latest = res.items;
      this.renderPanel(this.currentMonth());
    }
  }

  private wireMapEvents() {
    this.map.on('click', CROSSINGS_LAYER, (e) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      if (id) this.select(id);
    });
    this.map.on('mousemove', CROSSINGS_LAYER, (e) => {
      const f = e.features?.[0];
      if (!f) return;
      this.map.getCanvas().style.cursor = 'pointer';
      const c = this.crossings.features.find((x) => x.properties.id === f.properties.id);
      if (!c || !c.geometry) return;
      const p = c.properties;
      const m = this.currentMonth().get(p.id);
      this.popup
        .setLngLat(c.geometry.coordinates as [number, number])
        .setDOMContent(el('div', { className: 'popup' },
          el('strong', {}, p.names.en),
          p.names.zh ? el('div', { lang: 'zh' }, p.names.zh) : null,
          p.names.ko ? el('div', { lang: 'ko' }, p.names.ko) : null,
          el('div', {}, `${p.kindNote ?? p.kind} · ${p.countries.join('–')}`),
          el('div', {}, `${this.metricLabel()} ${this.view.month ?? ''}: ${m?.value === null || !m ? t('noValue') : formatNumber(m.value, 1)}${m?.synthetic ? ` (${t('demoNote')})` : ''}`),
        ))
        .addTo(this.map);
    });
    this.map.on('mouseleave', CROSSINGS_LAYER, () => {
      this.map.getCanvas().style.cursor = '';
      this.popup.remove();
    });
  }

  select(id: string) {
    this.view.crossing = this.view.crossing === id ? null : id;
    this.writeUrl();
    this.updateChartActivity();
    this.drawMonth();
    void this.loadLatest();
    void this.loadTrade();
  }

  setMonth(month: string) {
    this.view.month = month;
    this.writeUrl();
    this.drawMonth();
  }

  private update(patch: Partial<ViewState>) {
    const refetch = ['metric', 'vehicleClass', 'direction', 'method', 'status', 'from', 'to'].some((k) => k in patch);
    this.view = { ...this.view, ...patch };
    this.writeUrl();
    if (refetch) void this.loadRollup();
    else this.drawMonth();
  }

  private currentMonth(): Map<string, CrossingMonth> {
    const i = this.view.month ? this.rollup.months.indexOf(this.view.month) : -1;
    return i < 0 ? new Map() : crossingMonth(this.rollup, this.series, i, this.view.baseline);
  }

  /** The one redraw: symbols, chart cursor, panel and table, all from the same month. */
  private drawMonth() {
    const started = performance.now();
    const month = this.currentMonth();
    if (this.layersReady) {
      const symbols = new Map<string, CrossingSymbol>();
      for (const f of this.crossings.features) {
        if (!f.geometry) continue;
        const m = month.get(f.properties.id);
        symbols.set(f.properties.id, {
          radius: radiusFor(m?.value ?? null, this.max),
          color: changeColor(m?.change ?? null),
          hasData: m?.value !== null && m?.value !== undefined,
          selected: f.properties.id === this.view.crossing,
        });
      }
      applyCrossingSymbols(this.map, symbols);
      this.map.once('render', () => (this.lastStepMs = performance.now() - started));
      this.map.triggerRepaint();
    }
    this.chart.update({
      months: this.rollup.months.length ? this.rollup.months : [...this.tradeByMonth.keys()],
      trade: this.tradeByMonth,
      activity: this.chartActivity,
      activityLabel: this.activityLabel(),
      selectedMonth: this.view.month,
    });
    this.renderPanel(month);
    if (this.view.view === 'table') {
      renderTable(this.ui.table, tableRows(this.crossings, this.view.month, month, this.lang), this.view.metric);
    }
  }

  private updateChartActivity() {
    this.chartActivity = (this.view.crossing && this.series.get(this.view.crossing)) || this.rollup.months.map(() => null);
  }

  private renderPanel(month: Map<string, CrossingMonth>) {
    const selected = this.crossings.features.find((f) => f.properties.id === this.view.crossing) ?? null;
    const i = this.view.month ? this.rollup.months.indexOf(this.view.month) : -1;
    const activity = this.chartActivity;
    const tradeTotals = this.rollup.months.map((m) => this.tradeByMonth.get(m)?.total?.valueUsd ?? null);
    const m = selected ? month.get(selected.properties.id) : undefined;
    renderPanel(this.ui.panel, {
      crossings: this.crossings.features,
      selected,
      lang: this.lang,
      latest: this.latest,
      annual: this.annual,
      onSelect: (id) => this.select(id),
      analysis: selected ? {
        metricLabel: this.metricLabel(),
        month: this.view.month,
        value: m?.value ?? null,
        change: m?.change ?? null,
        baselineLabel: t(this.view.baseline === 'previous' ? 'baselinePrevious' : 'baselineTrailing12'),
        yoy: i >= 0 ? yearOverYear(activity, i) : null,
        correlations: laggedCorrelations(activity, tradeTotals, 3),
        synthetic: selected.properties.activity.syntheticOnly || (this.rollup.crossings.find((c) => c.id === selected.properties.id)?.values.some((v) => v?.synthetic) ?? false),
      } : null,
    });
  }

  private renderFilters() {
    const directions = new Set<string>();
    for (const f of this.crossings.features) {
      const [a, b] = f.properties.countries;
      directions.add(`${a}-${b}`).add(`${b}-${a}`);
    }
    renderFilters(this.ui.filters, this.view, [...directions].sort(), (patch) => this.update(patch));
  }

  private renderViewToggle() {
    const button = (view: 'map' | 'table', label: string) => {
      const b = el('button', { type: 'button', 'aria-pressed': this.view.view === view ? 'true' : 'false' }, label);
      b.addEventListener('click', () => {
        this.view.view = view;
        this.applyViewMode();
        this.renderViewToggle();
        this.update({});
      });
      return b;
    };
    this.ui.viewToggle.replaceChildren(button('map', t('viewMap')), button('table', t('viewTable')));
    this.applyViewMode();
  }

  private applyViewMode() {
    this.ui.table.hidden = this.view.view !== 'table';
    this.ui.mapBox.hidden = this.view.view === 'table';
    if (this.view.view === 'map') requestAnimationFrame(() => this.map.resize());
  }

  private renderDemoNote() {
    const synthetic = this.rollup.crossings.some((c) => c.values.some((v) => v?.synthetic));
    this.ui.demoNote.hidden = !synthetic;
    this.ui.demoNote.textContent = synthetic ? t('syntheticWarning') : '';
  }

  private fitToData() {
    const active = new Set(this.rollup.crossings.map((c) => c.id));
    const located = this.crossings.features.filter((f) => f.geometry);
    const focus = located.some((f) => active.has(f.properties.id)) ? located.filter((f) => active.has(f.properties.id)) : located;
    if (focus.length === 0) return;
    const bounds = new LngLatBounds();
    for (const f of focus) bounds.extend(f.geometry!.coordinates as [number, number]);
    this.map.fitBounds(bounds, { padding: 60, maxZoom: 9, animate: false });
  }

  /** A copy of what the map shows now (for saving it as an embed). */
  currentView(): ViewState {
    return structuredClone(this.view);
  }

  /** A title for the view: the metric, and the crossing when one is selected. */
  describeView(): string {
    const crossing = this.crossings.features.find((f) => f.properties.id === this.view.crossing);
    return crossing ? `${this.metricLabel()} at ${nameIn(crossing.properties.names, this.lang)}` : this.metricLabel();
  }

  private metricLabel() {
    return t(`metric_${this.view.metric}` as StringKey);
  }

  private activityLabel() {
    const selected = this.crossings.features.find((f) => f.properties.id === this.view.crossing);
    return selected ? `${this.metricLabel()} — ${selected.properties.names.en}` : `${this.metricLabel()} (select a crossing)`;
  }

  private writeUrl() {
    history.replaceState(null, '', `${location.pathname}${serializeViewState(this.view)}`);
  }
}
