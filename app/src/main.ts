// The analyst map: bootstraps the map and hands everything else to the Controller.
import { api } from './api.js';
import { Controller } from './controller.js';
import { createMap, whenStyleReady } from './map/create-map.js';
import { addOfflineBasemapInSteps, WATER_ONLY_STYLE } from './map/basemap-style.js';
import { whenCrossingsDrawn } from './map/crossings-layer.js';
import { parseViewState } from './view-state.js';
import { renderEmbedButton } from './ui/embed-dialog.js';
import './styles.css';

const byId = (id: string) => document.getElementById(id)!;

/** The skip link moves focus itself: the URL's query holds the view, and a fragment must not be added to it. */
function wireSkipLink(link: HTMLAnchorElement, target: HTMLElement) {
  link.addEventListener('click', (e) => {
    e.preventDefault();
    target.focus();
  });
}

/** On a phone the filters fold behind one button, so the map is on the first screen. */
function wireFiltersToggle(button: HTMLElement, filters: HTMLElement) {
  const narrow = matchMedia('(max-width: 800px)');
  const set = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    filters.dataset.collapsed = String(!open);
  };
  set(!narrow.matches);
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
}

async function main() {
  // The filters apply as they change; Enter in a field must not submit (and reload) the page.
  byId('filters').addEventListener('submit', (e) => e.preventDefault());
  const view = parseViewState(location.search);
  // An online deployment may name a vector-tile style; the offline basemap is the default.
  const config = await api.appConfig().catch(() => ({ basemapStyleUrl: null }));
  let controller: Controller | null = null;
  // The map starts with water only, so the crossings are drawn first; the offline basemap goes in under them.
  const map = createMap(byId('map'), config.basemapStyleUrl ?? WATER_ONLY_STYLE, view, (button) => controller?.openImageExport(button));
  controller = new Controller(map, view, {
    filters: byId('filters'), slider: byId('slider'), chart: byId('chart'), panel: byId('panel'),
    table: byId('table'), mapBox: byId('map'), status: byId('status'), demoNote: byId('demo-note'),
    viewToggle: byId('view-toggle'), legend: byId('legend'), mapNote: byId('map-note'), timeNote: byId('time-note'),
    timeWindow: byId('time-window'), account: byId('account'),
  });
  if (!config.basemapStyleUrl) {
    // Added under the crossings in two steps (a coarse world first, the detail once the crossings are drawn): the
    // map and the crossings do not wait for it. A basemap that fails to load leaves the water; crossings are drawn.
    const drawn = whenCrossingsDrawn(map);
    whenStyleReady(map, () => void addOfflineBasemapInSteps(map, drawn).catch(() => undefined));
  }
  wireFiltersToggle(byId('filters-toggle'), byId('filters'));
  wireSkipLink(document.querySelector<HTMLAnchorElement>('.skip-link')!, byId('main-content'));
  // Exposed for the end-to-end tests and the benchmark, which read the map's rendered features.
  (window as unknown as { landport: unknown }).landport = { map, controller };
  renderEmbedButton(byId('embed-action'), () => controller.currentView(), () => controller.describeView());
  await controller.start();
}

main().catch((err: Error) => {
  const status = byId('status');
  status.hidden = false;
  status.textContent = `landport could not start: ${err.message}`;
});
