import type { SavedViewDto } from '../../../server/contracts/views.js';
import { EMBED_SIZE, embedSnippet } from '../../../server/embeds/embed-snippet.js';
import { el } from './dom.js';

/** The embed page's flags (app/src/embed/flags.ts) as a publisher sets them here. */
export type PublishFlags = { dark: 'auto' | 'true' | 'false'; plain: boolean; static: boolean; transparent: boolean; locale: string };

export const DEFAULT_FLAGS: PublishFlags = { dark: 'auto', plain: false, static: false, transparent: false, locale: '' };

/** The query an embed URL carries for these flags; defaults are left out, so a plain embed has none. */
export function flagQuery(f: PublishFlags): string {
  const p = new URLSearchParams();
  if (f.dark !== 'auto') p.set('dark', f.dark);
  if (f.plain) p.set('plain', '');
  if (f.static) p.set('static', '');
  if (f.transparent) p.set('transparent', '');
  if (f.locale) p.set('locale', f.locale);
  // `plain=` reads as on (flags.ts): written bare, it is shorter and the same.
  return p.toString().replace(/=(?=&|$)/g, '');
}

const PREVIEW_WIDTHS = [
  { label: 'Phone (320 px)', width: 320 },
  { label: 'Article column (600 px)', width: 600 },
  { label: 'Full width', width: 0 },
];

/**
 * After saving: the flags as controls, a live preview of the embed as a reader will see it, at the width
 * chosen, and the snippet to paste, rewritten as the controls change (the server's own snippet rule).
 */
export function publishPanel(saved: SavedViewDto): HTMLElement {
  const flags: PublishFlags = { ...DEFAULT_FLAGS };
  let height: number = EMBED_SIZE.height;
  const origin = new URL(saved.embedUrl).origin;

  const code = el('textarea', { id: 'embed-code', readonly: true, rows: 5, 'aria-label': 'Embed code' });
  const preview = el('iframe', { className: 'embed-preview-frame', title: `Preview: ${saved.title}` });
  const previewBox = el('div', { className: 'embed-preview-box' }, preview);
  const copied = el('span', { role: 'status', className: 'copied' });
  const link = el('a', { target: '_blank', rel: 'noopener', className: 'embed-preview' }, 'Open the embed on its own');

  const refresh = () => {
    const query = flagQuery(flags);
    const url = `${saved.embedUrl}${query ? `?${query}` : ''}`;
    code.value = embedSnippet(origin, saved.id, saved.title, height, query);
    if (preview.getAttribute('src') !== url) preview.setAttribute('src', url);
    preview.style.height = `${height}px`;
    link.setAttribute('href', url);
  };

  const check = (id: string, label: string, hint: string, key: 'plain' | 'static' | 'transparent') => {
    const box = el('input', { type: 'checkbox', id, name: id });
    box.addEventListener('change', () => {
      flags[key] = box.checked;
      refresh();
    });
    return el('div', { className: 'flag' }, box, ' ', el('label', { for: id }, label), el('p', { className: 'hint' }, hint));
  };
  const select = (id: string, label: string, options: [string, string][], onPick: (v: string) => void) => {
    const s = el('select', { id, name: id }, ...options.map(([value, text]) => el('option', { value }, text)));
    s.addEventListener('change', () => {
      onPick(s.value);
      refresh();
    });
    return el('div', { className: 'flag' }, el('label', { for: id }, label), ' ', s);
  };
  const heightInput = el('input', { type: 'number', id: 'embed-height', min: 320, max: 1600, step: 10, value: height });
  heightInput.addEventListener('change', () => {
    const v = Math.round(Number(heightInput.value));
    height = Number.isFinite(v) ? Math.min(1600, Math.max(320, v)) : EMBED_SIZE.height;
    heightInput.value = String(height);
    refresh();
  });
  const widthPick = el('select', { id: 'preview-width' }, ...PREVIEW_WIDTHS.map((w) => el('option', { value: String(w.width), selected: w.width === (innerWidth < 700 ? 320 : 600) }, w.label)));
  const setWidth = () => {
    const w = Number(widthPick.value);
    preview.style.width = w ? `${w}px` : '100%';
  };
  widthPick.addEventListener('change', setWidth);
  setWidth();

  const copy = el('button', { type: 'button' }, 'Copy the code');
  copy.addEventListener('click', async () => {
    code.select();
    copied.textContent = await navigator.clipboard.writeText(code.value).then(() => 'Copied', () => 'Select and copy the code above');
  });

  const controls = el('fieldset', { className: 'embed-flags' },
    el('legend', {}, 'How the embed looks'),
    select('embed-dark', 'Colours', [['auto', "Follow the reader's setting"], ['false', 'Light'], ['true', 'Dark']], (v) => (flags.dark = v as PublishFlags['dark'])),
    check('embed-plain', 'Plain', 'No title and no footer: your page gives both.', 'plain'),
    check('embed-static', 'Static', 'The map does not pan or zoom; no map buttons.', 'static'),
    check('embed-transparent', 'Transparent background', "Your page's background shows through.", 'transparent'),
    select('embed-locale', 'Numbers and dates', [['', "The reader's language"], ['en', 'English'], ['ko', 'Korean'], ['zh-CN', 'Chinese (Simplified)']], (v) => (flags.locale = v)),
    el('p', { className: 'hint' }, 'The sentences stay in English until full translations exist; names follow the language where sources give them.'),
    el('div', { className: 'flag' }, el('label', { for: 'embed-height' }, 'Height (pixels; the width fills the column)'), ' ', heightInput),
  );
  refresh();
  return el('div', { className: 'embed-publish' },
    el('p', {}, `Saved as ${saved.id}. Set how it looks, then paste the code where the map should appear.`),
    el('div', { className: 'embed-publish-grid' },
      controls,
      el('section', { className: 'embed-preview-section', 'aria-label': 'Preview' },
        el('div', { className: 'flag' }, el('label', { for: 'preview-width' }, 'Preview width'), ' ', widthPick),
        previewBox)),
    el('label', { for: 'embed-code' }, 'Embed code'), code,
    el('p', {}, copy, ' ', copied, ' ', link, ' · ', el('a', { href: '/embeds/' }, 'Manage saved embeds')),
  );
}
