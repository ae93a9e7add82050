import type { Map as MapLibreMap } from 'maplibre-gl';
import { accountBar } from './ui/account-bar.js';
import type { MonthlyRollupDto } from '../../server/contracts/rollups.js';
import type { ObservationDto } from '../../server/contracts/observations.js';
import type { AnalysisDto, BordersDto } from '../../server/contracts/analysis.js';
import { analysisQuery, borderKey, parseBorder } from './analysis/analysis-query.js';
import { mixesRealAndSynthetic } from './analysis/change.js';
import { crossingMonth, changeColor, maxValue, radiusFor, valueSeries, type CrossingMonth } from './analysis/crossing-symbols.js';
import { demoScope } from './analysis/demo-scope.js';
import { yearOverYear } from './analysis/year-over-year.js';
import { api, type AnnualTrade, type CrossingCollection, type Me } from './api.js';
import { CustomsAnalysis } from './customs-analysis.js';
import { nameIn, pickLanguage, t, type NameLanguage } from './i18n/t.js';
import { addCrossingsLayers, applyCrossingSymbols, setCrossingLabels, type CrossingSymbol } from './map/crossings-layer.js';
import { whenStyleReady } from './map/create-map.js';
import { fitToBorder } from './map/fit-to-border.js';
import { wireCrossingEvents } from './map/wire-crossing-events.js';
import { borderSelect } from './ui/border-select.js';
import { crossingPopup } from './ui/crossing-popup.js';
import { renderPanel } from './ui/crossing-panel.js';
import { renderDemoNote } from './ui/demo-note.js';
import { renderFilters } from './ui/filters.js';
import { StatusBanner } from './ui/status-banner.js';
import { renderTable, tableRows, type TableSort } from './ui/table-view.js';
import { legendModel } from './analysis/legend-model.js';
import { aggregationOf } from './analysis/aggregation.js';
import { imageFileName, renderMapImage } from './map/export-image.js';
import { openExportDialog } from './ui/export-dialog.js';
import { renderMapLegend } from './ui/map-legend.js';
import { renderMapNote } from './ui/map-note.js';
import { renderTimeWindow } from './ui/time-window.js';
import { formatNumber } from './ui/dom.js';
import type { StringKey } from './i18n/en.js';
import { TimeSlider } from './ui/time-slider.js';
import { TradeChart } from './ui/trade-chart.js';
import { viewLabels } from './ui/view-labels.js';
import { renderViewToggle } from './ui/view-toggle.js';
import { serializeViewState, type ViewState } from './view-state.js';

type Elements = {
  filters: HTMLElement; slider: HTMLElement; chart: HTMLElement; panel: HTMLElement;
  table: HTMLElement; mapBox: HTMLElement; status: HTMLElement; demoNote: HTMLElement; viewToggle: HTMLElement;
  legend: HTMLElement; mapNote: HTMLElement; timeNote: HTMLElement; timeWindow: HTMLElement;
  /** Who is signed in, with Sign out (nothing for the public). */
  account: HTMLElement;
};

const EMPTY_ROLLUP: MonthlyRollupDto = { metric: 'crossed_vehicles', months: [], crossings: [], future: null };

/** What every part of one redraw reads, worked out once from the view and the loaded data (`derive`). */
type Derived = {
  /** The shown month's value and change per crossing. */
  month: Map<string, CrossingMonth>;
  /** The months of the time window that have data: the slider's, the table's. */
  windowMonths: string[];
  selected: CrossingCollection['features'][number] | null;
  labels: ReturnType<typeof viewLabels>;
};

/**
 * Holds one view state and the loaded data. The view changes only through `setView(patch)`, which loads
 * what the change needs; then `derive()` works out what the parts show, and `render()` draws map, chart,
 * panel, table, legend and notes from it. Data arriving from the server ends in `render()` too.
 */
export class Controller {
  private crossings: CrossingCollection = { type: 'FeatureCollection', features: [] };
  private rollup = EMPTY_ROLLUP;
  private series = new Map<string, (number | null)[]>();
  private max = 0;
  private borders: BordersDto | null = null;
  private analysis: AnalysisDto | null = null;
  private annual: AnnualTrade | null = null;
  private latest: ObservationDto[] | null = null;
  /** The month came from the URL or the analyst: the analysis must not move it to its latest month. */
  private monthChosen: boolean;
  private readonly lang: NameLanguage;
  private readonly banner: StatusBanner;
  private readonly slider: TimeSlider;
  private readonly chart: TradeChart;
  private readonly customs: CustomsAnalysis;
  private rollupAbort: AbortController | null = null;
  private layersReady = false;
  /** Whether the rollup has been read once (before that the map is loading, not empty). */
  private rollupLoaded = false;
  private me: Me = null;
  private tableSort: TableSort = { key: 'month', descending: true };
  private legendKey = '';
  /** Milliseconds from a month change to the next rendered map frame (read by tests and the benchmark). */
  lastStepMs: number | null = null;

  constructor(private readonly map: MapLibreMap, private view: ViewState, private readonly ui: Elements) {
    this.lang = pickLanguage(view.lang);
    this.monthChosen = view.month !== null;
    this.banner = new StatusBanner(ui.status);
    this.slider = new TimeSlider(ui.slider, (month) => this.setView({ month }));
    this.chart = new TradeChart(ui.chart);
    this.customs = new CustomsAnalysis(this.banner);
    this.showViewMode();
  }

  async start() {
    // Decided now: the map's own first moveend writes a camera into the view before the data arrives.
    const fit = !this.view.camera;
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      this.view.camera = { zoom: this.map.getZoom(), lat: c.lat, lng: c.lng };
      this.writeUrl();
    });
    await Promise.all([this.loadCrossings(), this.loadRollup(), this.loadBorders(), this.loadMe()]);
    if (fit) this.fitToBorder();
    // A shared URL may name a crossing: its panel needs its latest observations too.
    await Promise.all([this.loadAnalysis(), this.loadLatest()]);
  }

  /** Who is signed in: analysts get the review-status filter, and see unreviewed data counted. */
  private async loadMe() {
    this.me = await api.me().catch(() => null);
    if (this.me) this.ui.account.replaceChildren(accountBar(this.me, { onSignedOut: () => location.reload() }));
    this.renderFilters();
  }

  private async loadCrossings() {
    const crossings = await this.banner.track('crossings', t('whatCrossings'), () => api.crossings(), () => void this.loadCrossings());
    if (!crossings) return;
    this.crossings = crossings;
    const addLayers = () => {
      if (this.layersReady) setCrossingLabels(this.map, crossings, this.lang);
      else {
        addCrossingsLayers(this.map, crossings, this.lang);
        this.layersReady = true;
        wireCrossingEvents(this.map, { onSelect: (id) => this.toggleCrossing(id), popupFor: (id) => this.popupFor(id) });
      }
      this.render();
    };
    // The style (water, then the basemap added beneath) is enough: the crossings need not wait for the map's 'load'.
    whenStyleReady(this.map, addLayers);
    this.renderFilters();
    this.render();
  }

  private async loadRollup() {
    this.rollupAbort?.abort();
    const abort = (this.rollupAbort = new AbortController());
    const v = this.view;
    const rollup = await this.banner.track('rollup', t('whatActivity'), () =>
      // The whole range: the time window is applied here, so its pickers can offer every month with data.
      api.rollup({ metric: v.metric, vehicleClass: v.vehicleClass, direction: v.direction, method: v.method, status: v.status }, abort.signal),
      () => void this.loadRollup());
    if (!rollup) return;
    this.rollup = rollup;
    this.rollupLoaded = true;
    this.series = valueSeries(rollup);
    this.max = maxValue(this.series);
    this.showMonths();
    this.render();
  }

  /** The months of the time window that have data: the slider's, the table's. */
  private windowMonths(): string[] {
    const { from, to } = this.view;
    return this.rollup.months.filter((m) => (!from || m >= from) && (!to || m <= to));
  }

  /** Slider, window pickers and the note on observations dated in the future, after the rollup or the window changed. */
  private showMonths() {
    this.slider.setMonths(this.windowMonths(), this.view.month);
    this.view.month = this.slider.month;
    renderTimeWindow(this.ui.timeWindow, this.rollup.months, { from: this.view.from, to: this.view.to }, (patch) => this.setView(patch));
    const future = this.rollup.future;
    this.ui.timeNote.hidden = !future;
    this.ui.timeNote.textContent = future
      ? t('futureFlag', { n: String(future.observations), months: future.months.length > 3 ? `${future.months[0]} to ${future.months.at(-1)}` : future.months.join(', ') })
      : '';
  }

  private async loadBorders() {
    const borders = await this.banner.track('borders', t('whatBorders'), () => api.borders(), () => void this.loadBorders());
    if (!borders) return;
    this.borders = borders;
    this.renderFilters();
    this.render();
  }

  /** The border analysed: the URL's, else the server's default (the one with the most real data). */
  private border(): [string, string] | null {
    return parseBorder(this.view.border) ?? this.borders?.defaultBorder ?? null;
  }

  private countriesOf(id: string | null) {
    return this.crossings.features.find((f) => f.properties.id === id)?.properties.countries ?? null;
  }

  private selected() {
    return this.crossings.features.find((f) => f.properties.id === this.view.crossing) ?? null;
  }

  /** The server's analysis of the selected crossing, else of the border: panel, chart and CSV all read it. */
  private async loadAnalysis() {
    const query = analysisQuery(this.view, this.border(), this.countriesOf(this.view.crossing));
    if (!query) return;
    const analysis = await this.customs.load(query, () => void this.loadAnalysis());
    if (!analysis) return;
    this.analysis = analysis;
    if (!this.monthChosen) this.showLatestAnalysedMonth();
    void this.loadAnnual();
    this.render();
  }

  /** A first view opens on the border's latest month with activity, not on another border's later demo months. */
  private showLatestAnalysedMonth() {
    const last = this.analysis?.months.filter((m) => m.activity !== null).at(-1)?.month;
    if (!last || !this.windowMonths().includes(last)) return;
    this.slider.setMonths(this.windowMonths(), last);
    this.view.month = this.slider.month;
    this.writeUrl();
  }

  /** Annual totals of the pair whose monthly figures the analysis reads. */
  private async loadAnnual() {
    const trade = this.analysis?.trade ?? null;
    if (!trade) {
      this.annual = null;
      return;
    }
    if (this.annual?.reporter === trade.reporter && this.annual.partner === trade.partner) return;
    const annual = await this.banner.track('annual', t('whatTrade'), () => api.annualTrade(trade.reporter, trade.partner), () => void this.loadAnnual());
    if (!annual) return;
    this.annual = annual;
    this.render();
  }

  private async loadLatest() {
    const id = this.view.crossing;
    this.latest = null;
    if (!id) return;
    const res = await this.banner.track('latest', t('whatObservations'), () => api.latestObservations(id), () => void this.loadLatest());
    if (res && this.view.crossing === id) {
      this.latest = res.items;
      this.renderPanel(this.derive());
    }
  }

  private popupFor(id: string) {
    const c = this.crossings.features.find((x) => x.properties.id === id);
    if (!c?.geometry) return null;
    const d = this.derive();
    const content = crossingPopup(c.properties, d.labels.metric, this.view.month, d.month.get(id));
    return { at: c.geometry.coordinates as [number, number], content };
  }

  /** A crossing picked on the map or in the list: selected, or unselected when it already was. */
  toggleCrossing(id: string) {
    this.setView({ crossing: this.view.crossing === id ? null : id });
    // The panel now speaks of the crossing: keyboard and screen-reader users are taken to its heading, at the top.
    const heading = this.ui.panel.querySelector<HTMLElement>('#panel-title');
    if (heading) {
      heading.focus({ preventScroll: true });
      this.ui.panel.closest('.side')?.scrollTo({ top: 0 });
    }
  }

  /** The one way the view changes: the URL follows, what the change needs is loaded, and the parts are redrawn. */
  setView(patch: Partial<ViewState>) {
    const refetch = ['metric', 'vehicleClass', 'direction', 'method', 'status'].some((k) => k in patch);
    const windowed = 'from' in patch || 'to' in patch;
    if ('month' in patch) this.monthChosen = true;
    if ('border' in patch) {
      // Another border is another question: its own crossings in view, its own latest month.
      const pair = parseBorder(patch.border ?? null);
      const countries = this.countriesOf(this.view.crossing);
      if (pair && countries && !pair.every((c) => countries.includes(c))) patch.crossing = null;
      this.monthChosen = false;
    }
    const crossingChanged = 'crossing' in patch && patch.crossing !== this.view.crossing;
    const reanalyse = refetch || windowed || crossingChanged || 'flow' in patch || 'border' in patch;
    this.view = { ...this.view, ...patch };
    this.writeUrl();
    if ('view' in patch) this.showViewMode();
    if (refetch) void this.loadRollup();
    else {
      if (windowed) this.showMonths();
      this.render();
    }
    // After the redraw: the demo note above the map may have changed its height.
    if ('border' in patch) this.fitToBorder();
    if (crossingChanged) void this.loadLatest();
    if (reanalyse) void this.loadAnalysis();
  }

  /** What the parts of a redraw show, worked out once. */
  private derive(): Derived {
    const i = this.view.month ? this.rollup.months.indexOf(this.view.month) : -1;
    return {
      month: i < 0 ? new Map() : crossingMonth(this.rollup, this.series, i, this.view.baseline),
      windowMonths: this.windowMonths(),
      selected: this.selected(),
      labels: this.labels(),
    };
  }

  /** The one redraw: symbols, chart cursor, panel, table, legend and notes, all from one `derive()`. */
  private render() {
    const started = performance.now();
    const d = this.derive();
    const { month, labels } = d;
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
      analysis: this.analysis,
      tradeLabel: labels.trade ?? t('chartNoTrade'),
      activityLabel: labels.activity,
      activityUnit: t(`axisUnit_${this.view.metric}` as StringKey),
      selectedMonth: this.view.month,
    });
    this.renderPanel(d);
    if (this.view.view === 'table') this.renderTable(d);
    this.renderLegend(d);
    renderMapNote(this.ui.mapNote, this.mapState(d));
    const scope = demoScope(this.rollup, this.crossings.features.map((f) => f.properties), this.border(), this.view.crossing);
    renderDemoNote(this.ui.demoNote, scope, labels.place, this.lang);
  }

  private renderTable({ windowMonths: months }: Pick<Derived, 'windowMonths'>) {
    const rows = tableRows(this.crossings, this.rollup, this.series, months, this.view.baseline, this.lang);
    const fileName = imageFileName(this.describeView(), months.length ? `${months[0]} ${months.at(-1)}` : null).replace(/\.png$/, '.csv');
    renderTable(this.ui.table, rows, this.view.metric, this.view.baseline, this.tableSort, (sort) => {
      this.tableSort = sort;
      this.renderTable({ windowMonths: this.windowMonths() });
      this.ui.table.querySelector<HTMLElement>('th[aria-sort]:not([aria-sort="none"]) button')?.focus();
    }, fileName);
  }

  /** The legend, rebuilt only when what it says changed (a month step changes its title, a filter its scale). */
  private renderLegend({ labels }: Pick<Derived, 'labels'>) {
    const model = this.legend(labels);
    const key = JSON.stringify(model);
    if (key === this.legendKey) return;
    this.legendKey = key;
    renderMapLegend(this.ui.legend, model, !matchMedia('(max-width: 800px)').matches);
  }

  /** What the legend explains: the same size rule and colours the map draws with, in this view's words. */
  private legend(labels: Derived['labels']) {
    const digits = aggregationOf(this.view.metric) === 'total' ? 0 : 1;
    return legendModel({
      metricLabel: labels.metric,
      unitLabel: t(`unit_${this.view.metric}` as StringKey),
      month: this.view.month,
      max: this.max,
      baselineLabel: t(this.view.baseline === 'previous' ? 'baselinePrevious' : 'baselineTrailing12'),
      format: (v) => formatNumber(v, digits),
    });
  }

  /** Loading until crossings are drawn; empty when nothing has a value to draw, saying why and what to change. */
  private mapState({ month, labels, windowMonths }: Derived): Parameters<typeof renderMapNote>[1] {
    if (!this.layersReady || !this.rollupLoaded) return { kind: 'loading' };
    const metric = labels.metric;
    const filters = [
      this.view.vehicleClass && t('filterVehicleClass'),
      this.view.direction && t('filterDirection'),
      this.view.method && t('filterMethod'),
      this.view.status && t('filterStatus'),
    ].filter((f): f is string => Boolean(f));
    if (!this.rollup.crossings.length || windowMonths.length === 0) return { kind: 'empty', metric, filters };
    const anyValue = [...month.values()].some((m) => m.value !== null);
    return anyValue ? null : { kind: 'empty-month', month: this.view.month ?? '—' };
  }

  /** The picture a newsroom can publish: title, month, legend, sources and credits, at the size chosen. */
  openImageExport(opener: HTMLElement) {
    openExportDialog(opener, async (size) => {
      const title = this.describeView();
      const blob = await renderMapImage(this.map, size, {
        title,
        subtitle: `${this.view.month ?? ''} · ${t(`unit_${this.view.metric}` as StringKey)}`,
        legend: this.legend(this.labels()),
        sources: 'approved observations stored in landport, each with its own source (the table’s CSV and the API list them)',
        credit: `Made with landport · ${location.origin}${location.pathname}${serializeViewState(this.view)} · Basemap: Natural Earth`,
      });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = imageFileName(title, this.view.month);
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
  }

  private renderPanel({ month, selected, labels }: Derived) {
    const i = this.view.month ? this.rollup.months.indexOf(this.view.month) : -1;
    const activity = (selected && this.series.get(selected.properties.id)) || [];
    const flags = this.rollup.crossings.find((c) => c.id === selected?.properties.id)?.values.map((v) => v?.synthetic ?? false) ?? [];
    const m = selected ? month.get(selected.properties.id) : undefined;
    // The panel is redrawn as its data arrives: a reader focused on its heading stays there.
    const headingFocused = document.activeElement?.id === 'panel-title';
    renderPanel(this.ui.panel, {
      crossings: this.crossings.features,
      selected,
      lang: this.lang,
      latest: this.latest,
      annual: this.annual,
      customs: this.customsSection(),
      onSelect: (id) => this.toggleCrossing(id),
      analysis: selected ? {
        metricLabel: labels.metric,
        month: this.view.month,
        value: m?.value ?? null,
        change: m?.change ?? null,
        baselineLabel: t(this.view.baseline === 'previous' ? 'baselinePrevious' : 'baselineTrailing12'),
        yoy: i >= 0 ? yearOverYear(activity, i, flags) : null,
        changeMixed: i >= 0 && mixesRealAndSynthetic(activity, i, this.view.baseline, flags),
        yoyMixed: i >= 0 && mixesRealAndSynthetic(activity, i, 'year', flags),
      } : null,
    });
    if (headingFocused) this.ui.panel.querySelector<HTMLElement>('#panel-title')?.focus({ preventScroll: true });
  }

  private customsSection(): HTMLElement | null {
    const a = this.analysis;
    if (!a) return null;
    return this.customs.sectionFor(a, () => {
      const names = new Map(this.crossings.features.map((f) => [f.properties.id, nameIn(f.properties.names, this.lang)]));
      for (const c of a.crossings) if (!names.has(c.id)) names.set(c.id, c.name);
      const labels = this.labels();
      return { activityLabel: labels.metric, place: labels.place, tradeLabel: labels.trade, crossingName: (id) => names.get(id) ?? id };
    });
  }

  private renderFilters() {
    const directions = new Set<string>();
    for (const f of this.crossings.features) {
      const [a, b] = f.properties.countries;
      directions.add(`${a}-${b}`).add(`${b}-${a}`);
    }
    const border = this.border();
    const leading = this.borders && border
      ? borderSelect(this.borders.borders, { border: borderKey(border), flow: this.view.flow }, this.lang, (patch) => this.setView(patch))
      : [];
    const canReview = this.me?.role === 'analyst' || this.me?.role === 'admin';
    renderFilters(this.ui.filters, this.view, [...directions].sort(), (patch) => this.setView(patch), leading, canReview);
  }

  /** Map or table: the toggle's pressed button, which of the two is shown, and a map sized to its box again. */
  private showViewMode() {
    renderViewToggle(this.ui.viewToggle, this.view.view, (view) => this.setView({ view }));
    this.ui.table.hidden = this.view.view !== 'table';
    this.ui.mapBox.hidden = this.view.view === 'table';
    if (this.view.view === 'map') requestAnimationFrame(() => this.map.resize());
  }

  private fitToBorder() {
    const legendOpen = this.ui.legend.querySelector('details')?.open ?? false;
    fitToBorder(this.map, this.crossings, this.border(), new Set(this.rollup.crossings.map((c) => c.id)), legendOpen ? this.ui.legend.offsetWidth : 0);
  }

  /** A copy of what the map shows now (for saving it as an embed). */
  currentView(): ViewState {
    return structuredClone(this.view);
  }

  /** A title for the view: the metric, and the crossing when one is selected. */
  describeView(): string {
    const crossing = this.selected();
    const labels = this.labels();
    return crossing ? `${labels.metric} at ${nameIn(crossing.properties.names, this.lang)}` : `${labels.metric}, ${labels.place}`;
  }

  private labels() {
    return viewLabels(this.view.metric, this.selected()?.properties ?? null, this.border(), this.analysis?.trade ?? null, this.lang);
  }

  private writeUrl() {
    history.replaceState(null, '', `${location.pathname}${serializeViewState(this.view)}`);
  }
}
