import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { CROSSINGS_LAYER } from './crossings-layer.js';

export type CrossingEvents = {
  /** A crossing symbol was clicked. */
  onSelect: (id: string) => void;
  /** What the hover popup shows for a crossing, and where; null: no popup (a crossing without a location). */
  popupFor: (id: string) => { at: [number, number]; content: Node } | null;
};

/** Click to select, hover for a popup and a pointer cursor: the crossings layer's events, wired once. */
export function wireCrossingEvents(map: MapLibreMap, events: CrossingEvents) {
  const popup = new Popup({ closeButton: false, closeOnClick: false });
  map.on('click', CROSSINGS_LAYER, (e) => {
    const id = e.features?.[0]?.properties?.id as string | undefined;
    if (id) events.onSelect(id);
  });
  map.on('mousemove', CROSSINGS_LAYER, (e) => {
    const id = e.features?.[0]?.properties?.id as string | undefined;
    if (!id) return;
    map.getCanvas().style.cursor = 'pointer';
    const shown = events.popupFor(id);
    if (shown) popup.setLngLat(shown.at).setDOMContent(shown.content).addTo(map);
  });
  map.on('mouseleave', CROSSINGS_LAYER, () => {
    map.getCanvas().style.cursor = '';
    popup.remove();
  });
}
