import { LngLatBounds, type Map as MapLibreMap } from 'maplibre-gl';
import type { CrossingCollection } from '../api.js';

/** Fits the map to the border's crossings (else those with activity, else all): a whole border in view. */
export function fitToBorder(
  map: MapLibreMap,
  crossings: CrossingCollection,
  border: readonly [string, string] | null,
  active: ReadonlySet<string>,
  /** Room kept free on the left for the open legend, in pixels. */
  legendWidth = 0,
) {
  const located = crossings.features.filter((f) => f.geometry);
  const onBorder = border ? located.filter((f) => border.every((c) => f.properties.countries.includes(c))) : [];
  const withData = located.filter((f) => active.has(f.properties.id));
  const focus = onBorder.length ? onBorder : withData.length ? withData : located;
  if (focus.length === 0) return;
  // The header and notes above the map may have just grown: fit to the size the map has now.
  map.resize();
  const bounds = new LngLatBounds();
  for (const f of focus) bounds.extend(f.geometry!.coordinates as [number, number]);
  // No crossing under the legend: the fit keeps its width free on the left (at most half the map).
  const left = legendWidth ? Math.min(legendWidth + 30, map.getContainer().clientWidth / 2) : 60;
  map.fitBounds(bounds, { padding: { top: 60, right: 60, bottom: 60, left }, maxZoom: 9, animate: false });
}
