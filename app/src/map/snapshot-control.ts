import type { IControl } from 'maplibre-gl';
import { t } from '../i18n/t.js';

/** A map button that opens the image export (title, legend, sources, size: see export-image.ts). */
export class SnapshotControl implements IControl {
  private container?: HTMLElement;

  constructor(private readonly onOpen: (button: HTMLButtonElement) => void) {}

  onAdd(): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'snapshot-button';
    button.title = t('snapshot');
    button.setAttribute('aria-label', t('snapshot'));
    button.textContent = 'PNG';
    button.addEventListener('click', () => this.onOpen(button));
    container.append(button);
    this.container = container;
    return container;
  }

  onRemove(): void {
    this.container?.remove();
  }
}
