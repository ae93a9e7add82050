const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (colours go in as presentation attributes: the page's CSP allows no inline styles). */
export function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}
