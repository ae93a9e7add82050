import { el } from '../ui/dom.js';
import { copyCodeControl } from './copy-code.js';
import { dataAsOfText, formatDay } from './dates.js';
import { editForm } from './edit-form.js';
import type { SavedEmbed } from './saved-embeds-api.js';
import { describeView, mapUrlOf } from './view-summary.js';

export type RowContext = {
  crossingName: (id: string) => string | null;
  /** The server's answer to an edit: the row is drawn again from it (the embed code carries the title too). */
  onEdited: (updated: SavedEmbed) => void;
  onUnpublish: (item: SavedEmbed) => void;
};

/** A sentence said by a button to screen readers only, so ten "Edit" buttons each name their embed. */
const whose = (title: string) => el('span', { className: 'sr-only' }, ` “${title}”`);

const time = (iso: string, text: string) => el('time', { datetime: iso }, text);

function thumbnail(item: SavedEmbed): HTMLElement {
  // The image shows the title: a new title means a new image, which the version in the URL asks for.
  const src = `/embed/${encodeURIComponent(item.id)}/image.png?width=240&height=160&v=${Date.parse(item.updatedAt)}`;
  return el('img', { src, width: 240, height: 160, loading: 'lazy', alt: `Preview of the embed “${item.title}”: its map and headline figure` });
}

function whatItShows(item: SavedEmbed, crossingName: RowContext['crossingName']): HTMLElement {
  const s = describeView(item.view, crossingName);
  const rows: [string, string][] = [['Where', s.place], ['Metric', s.metric], ['Months', s.months]];
  if (s.filters.length) rows.push(['Filters', s.filters.join(', ')]);
  return el('dl', { className: 'shows', 'aria-label': 'What the embed shows' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

/**
 * One saved embed as a table row; on a phone the stylesheet turns it into a card, so every cell says what
 * it is in its own words rather than relying on the column heading.
 */
export function embedRow(item: SavedEmbed, ctx: RowContext): HTMLTableRowElement {
  const words = el('div', { className: 'words' },
    el('h3', { className: 'embed-title', id: `embed-title-${item.id}` }, item.title),
    item.description ? el('p', { className: 'description' }, item.description) : el('p', { className: 'description none' }, 'No description'),
  );
  const editStatus = el('p', { className: 'edit-status', role: 'status' });
  const about = el('td', { className: 'about', role: 'cell' }, words, editStatus, whatItShows(item, ctx.crossingName));

  const edit = el('button', { type: 'button', className: 'secondary' }, 'Edit', whose(item.title));
  edit.addEventListener('click', () => {
    editStatus.textContent = '';
    const form = editForm(item, ctx.onEdited, () => {
      form.replaceWith(words);
      edit.hidden = false;
      edit.focus();
    });
    words.replaceWith(form);
    edit.hidden = true;
    form.querySelector('input')!.focus();
  });
  const unpublish = el('button', { type: 'button', className: 'danger' }, 'Unpublish', whose(item.title));
  unpublish.addEventListener('click', () => ctx.onUnpublish(item));

  const edited = item.updatedAt !== item.createdAt;
  return el('tr', { className: 'embed-row', id: `embed-${item.id}`, role: 'row', 'data-id': item.id },
    el('td', { className: 'preview', role: 'cell' }, thumbnail(item)),
    about,
    el('td', { className: 'saved', role: 'cell' },
      el('p', {}, 'Saved by ', el('span', { className: 'creator' }, item.createdBy.displayName)),
      el('p', {}, 'on ', time(item.createdAt, formatDay(item.createdAt))),
      edited ? el('p', {}, 'edited ', time(item.updatedAt, formatDay(item.updatedAt))) : null),
    el('td', { className: 'data-as-of', role: 'cell' },
      el('p', { className: item.dataAsOf ? undefined : 'no-data' }, item.dataAsOf ? time(item.dataAsOf, dataAsOfText(item.dataAsOf)) : dataAsOfText(null))),
    el('td', { className: 'actions', role: 'cell' },
      el('ul', { className: 'links' },
        el('li', {}, el('a', { href: item.embedUrl }, 'Open embed', whose(item.title))),
        el('li', {}, el('a', { href: mapUrlOf(item.view) }, 'Open in the map', whose(item.title)))),
      copyCodeControl(item.embedCode, item.title),
      el('div', { className: 'row-buttons' }, edit, unpublish)),
  );
}

/** Says `message` in the row's live region once the row is on the page (a region must exist before it speaks). */
export function announceInRow(row: HTMLElement, message: string) {
  requestAnimationFrame(() => {
    const status = row.querySelector('.edit-status');
    if (status) status.textContent = message;
  });
}
