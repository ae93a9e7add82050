import { el } from '../ui/dom.js';
import { formatDay } from './dates.js';
import { announceInRow, embedRow, type RowContext } from './embed-row.js';
import type { SavedEmbed } from './saved-embeds-api.js';

export type ListContext = Pick<RowContext, 'crossingName'> & {
  unpublish: (item: SavedEmbed) => Promise<void>;
  confirmUnpublish: (title: string, run: () => Promise<void>) => Promise<boolean>;
  announce: (message: string) => void;
};

const COLUMNS = ['Preview', 'Embed', 'Saved', 'Data', 'Actions'];

function emptyState(anyUnpublished: boolean): HTMLElement {
  return el('p', { className: 'empty' },
    anyUnpublished ? 'No published embeds. Save one ' : 'No embeds saved yet. Save one ',
    el('a', { href: '/' }, 'from the map'), ' with “Embed this view”.');
}

function unpublishedSection(items: SavedEmbed[]): HTMLElement | null {
  if (!items.length) return null;
  return el('section', { className: 'unpublished', 'aria-labelledby': 'unpublished-heading' },
    el('h2', { id: 'unpublished-heading' }, `Unpublished (${items.length})`),
    el('p', { className: 'hint' }, 'Their embeds answer “410 Gone” in every article that still includes them; unpublishing is for good.'),
    el('ul', {}, ...items.map((i) => el('li', { 'data-id': i.id },
      el('span', { className: 'embed-title' }, i.title),
      ` — saved by ${i.createdBy.displayName} on ${formatDay(i.createdAt)}, unpublished on ${formatDay(i.unpublishedAt!)}`))),
  );
}

/**
 * The published embeds as a table (cards on a phone), then the unpublished ones. Rows change in place, so an
 * edit or unpublishing never moves the reader's focus somewhere unexpected or closes another row's form.
 */
export function embedList(all: SavedEmbed[], ctx: ListContext): HTMLElement {
  let published = all.filter((i) => !i.unpublishedAt);
  let unpublished = all.filter((i) => i.unpublishedAt);
  const heading = el('h2', { id: 'published-heading', tabindex: -1 });
  const body = el('tbody', { role: 'rowgroup' });
  const table = el('table', { className: 'embeds-table', role: 'table', 'aria-labelledby': 'published-heading' },
    el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, ...COLUMNS.map((c) => el('th', { scope: 'col', role: 'columnheader' }, c)))),
    body);
  const empty = el('div', { className: 'empty-area' });
  const rest = el('div', { className: 'unpublished-area' });
  const root = el('div', { className: 'embed-list' },
    el('section', { className: 'published', 'aria-labelledby': 'published-heading' }, heading, table, empty), rest);

  const refreshFrame = () => {
    heading.textContent = `Published (${published.length})`;
    table.hidden = published.length === 0;
    empty.replaceChildren(...(published.length ? [] : [emptyState(unpublished.length > 0)]));
    rest.replaceChildren(...[unpublishedSection(unpublished)].filter((s): s is HTMLElement => s !== null));
  };

  const rowContext: RowContext = {
    crossingName: ctx.crossingName,
    onEdited: (updated) => {
      published = published.map((i) => (i.id === updated.id ? updated : i));
      const old = body.querySelector<HTMLElement>(`tr[data-id="${updated.id}"]`)!;
      const row = embedRow(updated, rowContext);
      old.replaceWith(row);
      // Back to where the edit began: the row's Edit button.
      row.querySelector<HTMLButtonElement>('.row-buttons button')!.focus();
      announceInRow(row, `Saved. The embed now shows the title “${updated.title}” wherever it is published.`);
    },
    onUnpublish: async (item) => {
      const done = await ctx.confirmUnpublish(item.title, () => ctx.unpublish(item));
      if (!done) return;
      published = published.filter((i) => i.id !== item.id);
      unpublished = [{ ...item, unpublishedAt: new Date().toISOString() }, ...unpublished];
      body.querySelector(`tr[data-id="${item.id}"]`)?.remove();
      refreshFrame();
      // Its row is gone, so focus goes to the list it left; the page's live region says what happened.
      heading.focus();
      ctx.announce(`“${item.title}” was unpublished: its embed now answers “410 Gone”.`);
    },
  };

  body.append(...published.map((i) => embedRow(i, rowContext)));
  refreshFrame();
  return root;
}
