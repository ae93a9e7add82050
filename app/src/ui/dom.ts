type Attrs = Record<string, string | number | boolean | undefined | null>;

/** Creates an element; text is always set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export function formatNumber(v: number | null, digits = 0): string {
  return v === null ? '—' : v.toLocaleString('en', { maximumFractionDigits: digits });
}

export function formatUsd(v: number | null): string {
  if (v === null) return '—';
  return v >= 1e9 ? `$${(v / 1e9).toFixed(2)} bn` : `$${(v / 1e6).toFixed(1)} m`;
}

export function formatPercent(v: number | null): string {
  return v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
}
