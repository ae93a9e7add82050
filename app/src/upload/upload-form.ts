import { nearestCrossings } from '../../../geo/nearest-crossings.js';
import { el } from '../ui/dom.js';

export type CrossingChoice = { id: string; name: string; countries: [string, string]; lat: number | null; lon: number | null };

export type FormResult = {
  observation: Record<string, unknown>;
  files: File[];
  shareLocation: boolean;
};

const METRICS: [string, string][] = [
  ['queue_vehicles', 'Vehicles waiting in the queue'],
  ['crossed_vehicles', 'Vehicles that crossed (count over a period)'],
  ['queue_length_m', 'Queue length (metres)'],
  ['wait_minutes', 'Wait time (minutes)'],
];
const CLASSES = ['truck', 'bus', 'car', 'rail_wagon', 'pedestrian', 'other'];

function field(label: string, input: HTMLElement, id: string, hint?: string) {
  return el('div', { className: 'field' }, el('label', { for: id }, label), input, hint ? el('small', {}, hint) : null);
}

function localDateTimeValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The observation form: crossing (nearest suggested from the device position, or a list), metric, value, photos. */
export function uploadForm(crossings: CrossingChoice[], onSubmit: (r: FormResult) => Promise<void>): HTMLFormElement {
  const crossing = el('select', { id: 'crossing', name: 'crossing', required: true },
    el('option', { value: '' }, 'Choose a crossing…'),
    ...crossings.map((c) => el('option', { value: c.id }, `${c.name} (${c.countries.join('–')})${c.lat === null ? ' — location unknown' : ''}`)));
  const nearestList = el('ul', { className: 'nearest', 'aria-live': 'polite' });
  const nearestButton = el('button', { type: 'button' }, 'Suggest the nearest crossings');
  let position: { lat: number; lon: number; accuracyM: number } | null = null;
  nearestButton.addEventListener('click', () => {
    nearestList.replaceChildren(el('li', {}, 'Finding your position…'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        position = { lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: p.coords.accuracy };
        const near = nearestCrossings([position.lon, position.lat], crossings, 5);
        nearestList.replaceChildren(...near.map((n) => {
          const c = crossings.find((x) => x.id === n.id)!;
          const b = el('button', { type: 'button', className: 'link' }, `${c.name} — ${(n.meters / 1000).toFixed(1)} km`);
          b.addEventListener('click', () => {
            crossing.value = c.id;
            crossing.dispatchEvent(new Event('change'));
          });
          return el('li', {}, b);
        }));
      },
      (err) => nearestList.replaceChildren(el('li', {}, `No position: ${err.message}. Choose from the list.`)),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  });

  const metric = el('select', { id: 'metric', name: 'metric' }, ...METRICS.map(([v, l]) => el('option', { value: v }, l)));
  const value = el('input', { id: 'value', name: 'value', type: 'number', min: 0, step: 'any', inputmode: 'decimal', required: true });
  const periodMinutes = el('input', { id: 'period', name: 'period', type: 'number', min: 1, step: 1, value: 60 });
  const periodField = field('Counted over the last (minutes)', periodMinutes, 'period');
  const vehicleClass = el('select', { id: 'vehicle-class', name: 'vehicleClass' }, ...CLASSES.map((c) => el('option', { value: c }, c.replace('_', ' '))));
  const direction = el('select', { id: 'direction', name: 'direction' }, el('option', { value: '' }, 'Unknown'));
  const observedAt = el('input', { id: 'observed-at', name: 'observedAt', type: 'datetime-local', required: true, value: localDateTimeValue(new Date()) });
  const notes = el('textarea', { id: 'notes', name: 'notes', rows: 3, maxlength: 5000 });
  const source = el('input', { id: 'source', name: 'source', type: 'text', value: 'field observation', maxlength: 2000, required: true });
  const photos = el('input', { id: 'photos', name: 'photos', type: 'file', accept: 'image/*', multiple: true, capture: 'environment' });
  const share = el('input', { id: 'share-location', name: 'shareLocation', type: 'checkbox' });
  const message = el('p', { className: 'form-error', role: 'alert' });

  const syncPeriod = () => (periodField.hidden = metric.value !== 'crossed_vehicles');
  metric.addEventListener('change', syncPeriod);
  syncPeriod();
  crossing.addEventListener('change', () => {
    const c = crossings.find((x) => x.id === crossing.value);
    direction.replaceChildren(el('option', { value: '' }, 'Unknown'),
      ...(c ? [[c.countries[0], c.countries[1]], [c.countries[1], c.countries[0]]].map(([a, b]) => el('option', { value: `${a}-${b}` }, `${a} → ${b}`)) : []));
  });

  const form = el('form', { className: 'observation-form', 'aria-label': 'New observation', novalidate: true },
    el('h2', {}, 'New observation'),
    field('Crossing', crossing, 'crossing'), nearestButton, nearestList,
    field('What', metric, 'metric'), field('Value', value, 'value'), periodField,
    field('Vehicle class', vehicleClass, 'vehicle-class'), field('Direction', direction, 'direction'),
    field('Time seen', observedAt, 'observed-at', 'Defaults to now'), field('Source', source, 'source'),
    field('Notes', notes, 'notes'), field('Photos', photos, 'photos', 'Resized on this device before sending'),
    el('div', { className: 'field inline' }, share, el('label', { for: 'share-location' }, "Share the photos' location")),
    el('button', { type: 'submit', className: 'primary' }, 'Save and send'),
    message,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.textContent = '';
    if (!crossing.value) return void (message.textContent = 'Choose a crossing.');
    if (value.value === '' || Number(value.value) < 0) return void (message.textContent = 'Enter a value of 0 or more.');
    const when = new Date(observedAt.value);
    if (Number.isNaN(when.getTime())) return void (message.textContent = 'Enter the time seen.');
    const [from, to] = direction.value ? direction.value.split('-') : [];
    const observation: Record<string, unknown> = {
      crossingId: crossing.value,
      observedAt: when.toISOString(),
      metric: metric.value,
      value: Number(value.value),
      vehicleClass: vehicleClass.value,
      method: 'field',
      source: source.value.trim() || 'field observation',
      ...(from && { direction: { from, to } }),
      ...(notes.value.trim() && { notes: notes.value.trim() }),
      ...(position && { observer: { lat: position.lat, lon: position.lon, accuracyM: Math.round(position.accuracyM) } }),
      ...(metric.value === 'crossed_vehicles' && {
        period: { start: new Date(when.getTime() - Number(periodMinutes.value || 60) * 60_000).toISOString(), end: when.toISOString() },
      }),
    };
    const submission = { observation, files: [...(photos.files ?? [])], shareLocation: share.checked };
    // Clear the fields before saving, not after: saving is asynchronous, and an observer who starts typing the next
    // observation in the meantime must not have it wiped by the previous one finishing.
    const typed = { value: value.value, notes: notes.value };
    value.value = '';
    notes.value = '';
    photos.value = '';
    observedAt.value = localDateTimeValue(new Date());
    try {
      await onSubmit(submission);
    } catch (error) {
      if (value.value === '' && notes.value === '') {
        value.value = typed.value;
        notes.value = typed.notes;
      }
      message.textContent = `Not saved on this device: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  return form;
}
