import type { LegendModel } from '../analysis/legend-model.js';
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function circle(r: number, fill: string, opacity = 0.85) {
  const size = Math.ceil(r * 2 + 4);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  const c = document.createElementNS(SVG, 'circle');
  c.setAttribute('cx', String(size / 2));
  c.setAttribute('cy', String(size / 2));
  c.setAttribute('r', String(r));
  c.setAttribute('fill', fill);
  c.setAttribute('fill-opacity', String(opacity));
  c.setAttribute('stroke', '#ffffff');
  svg.append(c);
  return svg;
}

/**
 * The map's legend, a region labelled "Legend": circle size with reference values, the colour classes of
 * change, grey and the faded dot. Open by default on wide screens, folded on a phone so the map stays visible.
 */
export function renderMapLegend(root: HTMLElement, model: LegendModel, open: boolean) {
  const wasOpen = root.querySelector('details')?.open;
  const details = el('details', { open: wasOpen ?? open },
    el('summary', {}, 'Legend'),
    el('p', { className: 'legend-title' }, model.sizeTitle),
    model.sizes.length
      ? el('ul', { className: 'legend-sizes' }, ...model.sizes.map((s) => el('li', {}, circle(s.radius, '#8c8c8c'), el('span', {}, s.label))))
      : el('p', { className: 'legend-empty' }, 'No values in this range.'),
    el('p', { className: 'legend-title' }, model.colorTitle),
    el('ul', { className: 'legend-colors' },
      ...model.colors.map((c) => el('li', {}, circle(6, c.color), el('span', {}, c.label))),
      el('li', {}, circle(6, model.noChange.color), el('span', {}, model.noChange.label)),
      el('li', {}, circle(model.noData.radius, model.noData.color, 0.35), el('span', {}, model.noData.label)),
    ),
  );
  root.replaceChildren(details);
}
