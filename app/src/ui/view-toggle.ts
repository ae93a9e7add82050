import { t } from '../i18n/t.js';
import { el } from './dom.js';

type Mode = 'map' | 'table';

/** The Map / Table switch: two buttons, the current one pressed. */
export function renderViewToggle(root: HTMLElement, current: Mode, onPick: (mode: Mode) => void) {
  const button = (mode: Mode, label: string) => {
    const b = el('button', { type: 'button', 'aria-pressed': current === mode ? 'true' : 'false' }, label);
    b.addEventListener('click', () => onPick(mode));
    return b;
  };
  root.replaceChildren(button('map', t('viewMap')), button('table', t('viewTable')));
}
