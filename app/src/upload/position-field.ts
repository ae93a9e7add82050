import { el } from '../ui/dom.js';

export type Position = { lat: number; lon: number; accuracyM: number; at: string };

const MIN_ACCURACY_KEY = 'landport-min-accuracy-m';
export const ACCURACY_CHOICES = [10, 25, 50, 100, 250] as const;
/** How long the phone may look for a fix good enough before the best one is reported (and not attached). */
const SEARCH_MS = 30_000;

export const minAccuracyM = () => Number(localStorage.getItem(MIN_ACCURACY_KEY)) || 50;

export const describePosition = (p: Position) =>
  `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)} ± ${Math.round(p.accuracyM)} m (at ${new Date(p.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})`;

/**
 * Where the observer stands, with its accuracy: "Use my position" watches the phone's fixes for up to 30 s and
 * keeps the first within the observer's minimum accuracy. A fix worse than that is shown and not attached, so a
 * position 2 km off never reaches a reviewer as if it were where the photo was taken.
 */
export function positionField(onChange: (p: Position | null) => void) {
  let position: Position | null = null;
  const status = el('p', { className: 'position-status', id: 'position-status', 'aria-live': 'polite' }, 'No position attached.');
  const use = el('button', { type: 'button' }, 'Use my position');
  const remove = el('button', { type: 'button', hidden: true }, 'Remove position');
  const min = el('select', { id: 'min-accuracy' }, ...ACCURACY_CHOICES.map((m) => el('option', { value: m, selected: m === minAccuracyM() }, `${m} m`)));
  min.addEventListener('change', () => localStorage.setItem(MIN_ACCURACY_KEY, min.value));
  const mapSlot = el('div', { className: 'position-map', hidden: true, role: 'img', 'aria-label': 'Map: your position, the circle it may lie in, and the chosen place' });

  const set = (p: Position | null, text: string) => {
    position = p;
    status.textContent = text;
    remove.hidden = p === null;
    mapSlot.hidden = p === null;
    onChange(p);
  };
  remove.addEventListener('click', () => set(null, 'No position attached.'));
  use.addEventListener('click', () => {
    if (!('geolocation' in navigator)) return set(null, 'This browser gives no position. Choose the crossing from the list.');
    const wanted = Number(min.value);
    let best: GeolocationPosition | null = null;
    use.disabled = true;
    status.textContent = 'Finding your position…';
    const finish = (text: string, p: Position | null) => {
      navigator.geolocation.clearWatch(watch);
      clearTimeout(timer);
      use.disabled = false;
      set(p, text);
    };
    const toPosition = (g: GeolocationPosition): Position => ({ lat: g.coords.latitude, lon: g.coords.longitude, accuracyM: g.coords.accuracy, at: new Date(g.timestamp).toISOString() });
    const watch = navigator.geolocation.watchPosition(
      (g) => {
        if (!best || g.coords.accuracy < best.coords.accuracy) best = g;
        if (g.coords.accuracy <= wanted) return finish(`Position attached: ${describePosition(toPosition(g))}.`, toPosition(g));
        status.textContent = `Finding your position… best so far ± ${Math.round(best.coords.accuracy)} m (you asked for ${wanted} m).`;
      },
      (err) => finish(`No position: ${err.message}. Choose the crossing from the list.`, null),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: SEARCH_MS },
    );
    const timer = setTimeout(() => {
      const b = best;
      finish(b
        ? `Best fix ± ${Math.round(b.coords.accuracy)} m is worse than your minimum of ${wanted} m: not attached. Try again in the open, or allow a larger minimum.`
        : 'No position found in 30 s. Choose the crossing from the list.', null);
    }, SEARCH_MS);
  });

  const element = el('fieldset', { className: 'position-field' },
    el('legend', {}, 'Your position (optional)'),
    el('div', { className: 'position-actions' }, use, remove,
      el('span', { className: 'min-accuracy' }, el('label', { for: 'min-accuracy' }, 'Minimum accuracy '), min)),
    status, mapSlot);
  return {
    element, mapSlot, get: () => position,
    /** A saved position back in the form (a draft, an edit); `clear` also removes one when there is none. */
    restore: (p: Position | null, clear = false) => (p ? set(p, `Position attached: ${describePosition(p)}.`) : clear && set(null, 'No position attached.')),
  };
}
