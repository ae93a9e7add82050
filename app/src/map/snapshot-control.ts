import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import { t } from '../i18n/t.js';

/** A map button that downloads the current map as a PNG (needs preserveDrawingBuffer). */
export class SnapshotControl implements IControl {
  private container?: HTMLElement;

  onAdd(map: MapLibreMap): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'snapshot-button';
    button.title = t('snapshot');
    button.setAttribute('aria-label', t('snapshot'));
    button.textContent = 'PNG';
    button.addEventListener('click', () => {
      map.getCanvas().toBlob((blob) => {
        if (!blob) return;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = `landport-map-${new Date().toISOString().slice(0, 10)}.png`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      }, 'image/png');
    });
    container.append(button);
    this.container = container;
    return container;
  }

  onRemove(): void {
    this.container?.remove();
  }
}
