import type { DemoScope } from '../analysis/demo-scope.js';
import { t, type NameLanguage } from '../i18n/t.js';
import { borderName } from './border-select.js';

/**
 * The banner above the map says only what is true of the view: a strong warning when what the analyst
 * looks at is made up, a quiet pointer when the made-up data is on another border, nothing without demo data.
 */
export function renderDemoNote(node: HTMLElement, scope: DemoScope, place: string, lang: NameLanguage) {
  const text = demoNoteText(scope, place, lang);
  // Called on every month step: the page above the map must not change (and reflow) when the words do not.
  if (node.textContent === text && node.hidden === (text === '')) return;
  node.hidden = text === '';
  node.classList.toggle('demo-note-strong', scope.kind === 'demo-only' || scope.kind === 'mixed');
  node.textContent = text;
}

function demoNoteText(scope: DemoScope, place: string, lang: NameLanguage): string {
  switch (scope.kind) {
    case 'none':
      return '';
    case 'demo-only':
      return t('demoOnlyWarning', { place });
    case 'mixed':
      return t('demoMixedWarning', { place });
    case 'elsewhere':
      return t('demoElsewhereNote', { borders: scope.borders.map((pair) => (pair[1] ? borderName(pair, lang) : pair[0])).join(t('demoBordersJoin')) });
  }
}
