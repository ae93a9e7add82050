import { nearestCrossings } from '../../../geo/nearest-crossings.js';
import { COUNT_METRICS } from '../../../server/contracts/vocabulary.js';
import { el } from '../ui/dom.js';
import { fieldMessages } from '../ui/field-messages.js';
import type { Draft } from './draft.js';
import { positionField, type Position } from './position-field.js';
import type { QueueItem } from './queue-store.js';

export type CrossingChoice = { id: string; name: string; countries: [string, string]; lat: number | null; lon: number | null };

export type FormResult = {
  observation: Record<string, unknown>;
  files: File[];
  shareLocation: boolean;
  /** Set when an item waiting on the phone was edited: it keeps its id (and its photos unless new ones are chosen). */
  editing: QueueItem | null;
};

const METRICS: [string, string][] = [
  ['queue_vehicles', 'Vehicles waiting in the queue'],
  ['crossed_vehicles', 'Vehicles that crossed (count over a period)'],
  ['queue_length_m', 'Queue length (metres)'],
  ['wait_minutes', 'Wait time (minutes)'],
];
const CLASSES = ['truck', 'bus', 'car', 'rail_wagon', 'pedestrian', 'other'];
const WHOLE_NUMBER_METRICS = new Set<string>(COUNT_METRICS);

function field(label: string, input: HTMLElement, id: string, opts: { hint?: string; required?: boolean } = {}) {
  if (opts.required) input.setAttribute('aria-required', 'true');
  const describedBy = [`${id}-error`, opts.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', describedBy);
  return el('div', { className: 'field' },
    el('label', { for: id }, label, opts.required ? el('span', { className: 'required', 'aria-hidden': 'true' }, ' *') : null),
    input,
    opts.hint ? el('small', { id: `${id}-hint` }, opts.hint) : null,
    el('span', { className: 'field-error', id: `${id}-error` }));
}

function localDateTimeValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type UploadFormHandle = {
  form: HTMLFormElement;
  /** Where "saved" and "sent" are confirmed: right under the button the observer just pressed. */
  confirmation: HTMLElement;
  edit(item: QueueItem): void;
};

/**
 * The observation form: crossing (the nearest suggested from the position), metric, value, time, photos from the
 * camera or the gallery. Required fields are marked and each error is shown at its field. Every change is kept as
 * a draft; saving clears the fields at once, so the next observation can be typed while this one is stored.
 */
export function uploadForm(
  crossings: CrossingChoice[],
  opts: { onSubmit: (r: FormResult) => Promise<void>; draft: Draft | null; onDraft: (d: Draft) => void; showMap: (slot: HTMLElement, p: Position, crossing: CrossingChoice | null) => void },
): UploadFormHandle {
  const crossing = el('select', { id: 'crossing', name: 'crossing', required: true },
    el('option', { value: '' }, 'Choose a crossing…'),
    ...crossings.map((c) => el('option', { value: c.id }, `${c.name} (${c.countries.join('–')})${c.lat === null ? ' — location unknown' : ''}`)));
  const nearestList = el('ul', { className: 'nearest', 'aria-label': 'Nearest to your position' });
  const chosen = () => crossings.find((x) => x.id === crossing.value) ?? null;
  const position = positionField((p) => {
    nearestList.replaceChildren(...(p ? nearestCrossings([p.lon, p.lat], crossings, 3) : []).map((n) => {
      const c = crossings.find((x) => x.id === n.id)!;
      const b = el('button', { type: 'button', className: 'link' }, `${c.name} — ${(n.meters / 1000).toFixed(1)} km`);
      b.addEventListener('click', () => {
        crossing.value = c.id;
        crossing.dispatchEvent(new Event('change', { bubbles: true }));
      });
      return el('li', {}, b);
    }));
    if (p) opts.showMap(position.mapSlot, p, chosen());
    keepDraft();
  });

  const metric = el('select', { id: 'metric', name: 'metric' }, ...METRICS.map(([v, l]) => el('option', { value: v }, l)));
  const value = el('input', { id: 'value', name: 'value', type: 'number', min: 0, step: 'any', inputmode: 'decimal', required: true });
  const periodMinutes = el('input', { id: 'period', name: 'period', type: 'number', min: 1, step: 1, value: 60 });
  const periodField = field('Counted over the last (minutes)', periodMinutes, 'period', { required: true });
  const vehicleClass = el('select', { id: 'vehicle-class', name: 'vehicleClass' }, ...CLASSES.map((c) => el('option', { value: c }, c.replace('_', ' '))));
  const direction = el('select', { id: 'direction', name: 'direction' }, el('option', { value: '' }, 'Unknown'));
  const observedAt = el('input', { id: 'observed-at', name: 'observedAt', type: 'datetime-local', required: true, value: localDateTimeValue(new Date()) });
  const notes = el('textarea', { id: 'notes', name: 'notes', rows: 3, maxlength: 5000 });
  const source = el('input', { id: 'source', name: 'source', type: 'text', value: 'field observation', maxlength: 2000, required: true });
  // No `capture`: the phone offers the camera and the gallery (a photo taken earlier, out of sight of the guards).
  const photos = el('input', { id: 'photos', name: 'photos', type: 'file', accept: 'image/*', multiple: true });
  const photoNote = el('p', { className: 'photo-note', 'aria-live': 'polite' });
  const share = el('input', { id: 'share-location', name: 'shareLocation', type: 'checkbox' });
  const submit = el('button', { type: 'submit', className: 'primary' }, 'Save and send');
  const cancelEdit = el('button', { type: 'button', hidden: true }, 'Cancel editing');
  const heading = el('h2', {}, 'New observation');
  const confirmation = el('div', { className: 'confirmation', id: 'save-confirmation', role: 'status', 'aria-live': 'polite' });
  let editing: QueueItem | null = null;
  /** The new observation being typed when Edit was pressed: it comes back when the edit is saved or cancelled. */
  let typedBeforeEdit: Draft | null = null;

  const syncPeriod = () => (periodField.hidden = metric.value !== 'crossed_vehicles');
  const syncDirections = () => {
    const c = chosen();
    const keep = direction.value;
    direction.replaceChildren(el('option', { value: '' }, 'Unknown'),
      ...(c ? [[c.countries[0], c.countries[1]], [c.countries[1], c.countries[0]]].map(([a, b]) => el('option', { value: `${a}-${b}` }, `${a} → ${b}`)) : []));
    direction.value = [...direction.options].some((o) => o.value === keep) ? keep : '';
  };
  metric.addEventListener('change', syncPeriod);
  crossing.addEventListener('change', () => {
    syncDirections();
    const p = position.get();
    if (p) opts.showMap(position.mapSlot, p, chosen());
  });
  photos.addEventListener('change', () => {
    const n = photos.files?.length ?? 0;
    photoNote.textContent = n ? `${n} photo${n === 1 ? '' : 's'} chosen${editing?.photos.length ? ' (they replace the saved ones)' : ''}.` : '';
  });

  const inputs = { crossing, metric, value, period: periodMinutes, vehicleClass, direction, observedAt, notes, source };
  const snapshot = (): Draft => ({
    ...Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value])),
    shareLocation: share.checked,
    ...(position.get() && { position: JSON.stringify(position.get()) }),
  });
  const keepDraft = () => {
    if (!editing) opts.onDraft(snapshot());
  };
  const restore = (d: Draft) => {
    for (const [k, i] of Object.entries(inputs)) {
      if (typeof d[k] !== 'string') continue;
      i.value = d[k] as string;
      if (k === 'crossing') syncDirections();
    }
    share.checked = d.shareLocation === true;
    if (typeof d.position === 'string') position.restore(JSON.parse(d.position) as Position);
  };

  const form = el('form', { className: 'observation-form', 'aria-label': 'New observation', novalidate: true },
    heading,
    el('p', { className: 'required-note' }, 'Fields marked ', el('span', { className: 'required' }, '*'), ' are required.'),
    position.element,
    field('Crossing', crossing, 'crossing', { required: true }), nearestList,
    field('What', metric, 'metric'), field('Value', value, 'value', { required: true }), periodField,
    field('Vehicle class', vehicleClass, 'vehicle-class'), field('Direction', direction, 'direction'),
    field('Time seen', observedAt, 'observed-at', { hint: 'Defaults to now', required: true }), field('Source', source, 'source', { required: true }),
    field('Notes', notes, 'notes'),
    field('Photos', photos, 'photos', { hint: 'Take one or choose from the gallery; resized on this phone before sending' }), photoNote,
    el('div', { className: 'field inline' }, share, el('label', { for: 'share-location' }, "Share the photos' location")),
    el('div', { className: 'form-actions' }, submit, cancelEdit),
    confirmation,
  );
  form.addEventListener('input', keepDraft);
  form.addEventListener('change', keepDraft);
  const show = fieldMessages(form, { crossing: 'crossing', value: 'value', period: 'period', observedAt: 'observed-at', source: 'source' });

  const showEditing = (item: QueueItem | null) => {
    editing = item;
    heading.textContent = item ? 'Edit the saved observation' : 'New observation';
    submit.textContent = item ? 'Save changes and send' : 'Save and send';
    cancelEdit.hidden = !item;
  };
  /** Back to the new observation that was being typed before Edit. */
  const endEdit = () => {
    showEditing(null);
    form.reset();
    observedAt.value = localDateTimeValue(new Date());
    photoNote.textContent = '';
    position.restore(null, true);
    if (typedBeforeEdit) restore(typedBeforeEdit);
    typedBeforeEdit = null;
    keepDraft();
  };
  cancelEdit.addEventListener('click', () => {
    endEdit();
    confirmation.textContent = 'Editing cancelled: the saved observation is unchanged.';
  });

  function validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!crossing.value) errors.crossing = 'Choose a crossing.';
    const v = Number(value.value);
    if (value.value === '' || !Number.isFinite(v) || v < 0) errors.value = 'Enter a value of 0 or more.';
    else if (WHOLE_NUMBER_METRICS.has(metric.value) && !Number.isInteger(v)) errors.value = 'Vehicles are counted in whole numbers.';
    if (Number.isNaN(new Date(observedAt.value).getTime())) errors.observedAt = 'Enter the time seen.';
    if (metric.value === 'crossed_vehicles' && !(Number(periodMinutes.value) >= 1)) errors.period = 'Enter the minutes counted (1 or more).';
    if (!source.value.trim()) errors.source = 'Say who saw it or where it comes from.';
    return errors;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    confirmation.textContent = '';
    const errors = validate();
    show(errors);
    if (Object.keys(errors).length) return;
    const when = new Date(observedAt.value);
    const [from, to] = direction.value ? direction.value.split('-') : [];
    const here = position.get();
    const observation: Record<string, unknown> = {
      crossingId: crossing.value,
      observedAt: when.toISOString(),
      metric: metric.value,
      value: Number(value.value),
      vehicleClass: vehicleClass.value,
      method: 'field',
      source: source.value.trim(),
      ...(from && { direction: { from, to } }),
      ...(notes.value.trim() && { notes: notes.value.trim() }),
      ...(here && { observer: { lat: here.lat, lon: here.lon, accuracyM: Math.round(here.accuracyM) } }),
      ...(metric.value === 'crossed_vehicles' && {
        period: { start: new Date(when.getTime() - Number(periodMinutes.value || 60) * 60_000).toISOString(), end: when.toISOString() },
      }),
    };
    const submission: FormResult = { observation, files: [...(photos.files ?? [])], shareLocation: share.checked, editing };
    // Clear the fields before saving, not after: saving is asynchronous, and an observer who starts typing the next
    // observation in the meantime must not have it wiped by the previous one finishing. Crossing, metric, class,
    // direction, source and position stay: the next reading is usually at the same place.
    const typed = snapshot();
    const wasEditing = editing;
    const wasTyped = typedBeforeEdit;
    if (editing) endEdit();
    else {
      value.value = '';
      notes.value = '';
      photos.value = '';
      photoNote.textContent = '';
      observedAt.value = localDateTimeValue(new Date());
      opts.onDraft(snapshot());
    }
    try {
      await opts.onSubmit(submission);
    } catch (error) {
      // Nothing was stored: the fields come back as they were, and an edit stays an edit (same id, no duplicate).
      restore(typed);
      if (wasEditing) {
        typedBeforeEdit = wasTyped;
        showEditing(wasEditing);
      }
      confirmation.textContent = `Not saved on this phone: ${error instanceof Error ? error.message : String(error)}`;
    }
    confirmation.scrollIntoView({ block: 'nearest' });
  });

  syncPeriod();
  if (opts.draft) restore(opts.draft);
  return {
    form,
    confirmation,
    edit(item) {
      if (!editing) typedBeforeEdit = snapshot();
      showEditing(item);
      const o = item.observation as Record<string, unknown> & { direction?: { from: string; to: string }; period?: { start: string; end: string } };
      crossing.value = String(o.crossingId ?? '');
      syncDirections();
      metric.value = String(o.metric);
      value.value = String(o.value);
      vehicleClass.value = String(o.vehicleClass);
      direction.value = o.direction ? `${o.direction.from}-${o.direction.to}` : '';
      observedAt.value = localDateTimeValue(new Date(String(o.observedAt)));
      if (o.period) periodMinutes.value = String(Math.round((Date.parse(o.period.end) - Date.parse(o.period.start)) / 60_000));
      notes.value = String(o.notes ?? '');
      source.value = String(o.source ?? '');
      share.checked = item.shareLocation;
      const seenFrom = o.observer as { lat: number; lon: number; accuracyM: number | null } | undefined;
      position.restore(seenFrom ? { lat: seenFrom.lat, lon: seenFrom.lon, accuracyM: seenFrom.accuracyM ?? 0, at: item.createdAt } : null, true);
      syncPeriod();
      photoNote.textContent = item.photos.length ? `${item.photos.length} saved photo(s) are kept unless you choose new ones.` : '';
      confirmation.textContent = '';
      heading.tabIndex = -1;
      heading.focus();
    },
  };
}
