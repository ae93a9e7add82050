// Landing page until the analyst map lands: server status and the crossings it knows.
// All text goes in through textContent, never as HTML.
import type { CrossingProperties } from '../../server/contracts/crossings.js';

type CrossingFeature = { geometry: { coordinates: [number, number] } | null; properties: CrossingProperties };

function cell(text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

async function showStatus() {
  const el = document.getElementById('status')!;
  try {
    const h = await getJson<{ version: string; database: { kind: string } }>('/health');
    el.textContent = `Running version ${h.version} on the ${h.database.kind} database.`;
  } catch (err) {
    el.textContent = `The server did not answer: ${(err as Error).message}`;
  }
}

async function showCrossings() {
  const body = document.querySelector('#crossings tbody')!;
  try {
    const fc = await getJson<{ features: CrossingFeature[] }>('/api/crossings');
    let synthetic = false;
    for (const f of fc.features) {
      const p = f.properties;
      synthetic ||= p.activity.syntheticOnly;
      const tr = document.createElement('tr');
      tr.append(
        cell(p.names.en),
        cell(p.names.zh ?? '—'),
        cell(p.names.ko ?? '—'),
        cell(p.countries.join('–')),
        cell(f.geometry ? f.geometry.coordinates.map((c) => c.toFixed(4)).reverse().join(', ') : 'unknown'),
        cell(p.activity.observations ? `${p.activity.observations}${p.activity.syntheticOnly ? ' (synthetic demo)' : ''}` : '—'),
      );
      body.append(tr);
    }
    if (synthetic) {
      const note = document.getElementById('demo-note')!;
      note.textContent =
        'Observations marked "synthetic demo" are made up for illustration. They are not evidence.';
      note.hidden = false;
    }
  } catch (err) {
    const tr = document.createElement('tr');
    const td = cell(`Could not load crossings: ${(err as Error).message}`);
    td.colSpan = 6;
    tr.append(td);
    body.append(tr);
  }
}

void showStatus();
void showCrossings();
