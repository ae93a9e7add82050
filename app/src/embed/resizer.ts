// `/embed.js`: publishers include it once, anywhere on the page. Every landport embed posts its
// content height; this sizes the iframe it came from. A message counts only when it comes from
// an iframe on this page whose address is on the sender's origin, so no other frame can resize it.
// It is a classic script with no imports (vite.config.ts emits it under a fixed name).
(() => {
  const w = window as unknown as { landportResizer?: boolean };
  if (w.landportResizer) return;
  w.landportResizer = true;

  const frameFor = (e: MessageEvent) => {
    for (const frame of Array.from(document.getElementsByTagName('iframe'))) {
      if (frame.contentWindow !== e.source) continue;
      try {
        return new URL(frame.src, location.href).origin === e.origin ? frame : null;
      } catch {
        return null;
      }
    }
    return null;
  };

  window.addEventListener('message', (e) => {
    const data = e.data as { type?: unknown; height?: unknown } | null;
    if (!data || data.type !== 'landport:resize' || typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
    const frame = frameFor(e);
    if (!frame) return;
    const height = Math.round(Math.min(Math.max(data.height, 50), 10_000));
    frame.style.height = `${height}px`;
    frame.setAttribute('height', String(height));
  });

  // Embeds that loaded before this script ran have already posted once: ask them again.
  for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-landport-embed], iframe[src*="/embed/"]'))) {
    frame.contentWindow?.postMessage({ type: 'landport:ask-size' }, '*');
  }
})();
