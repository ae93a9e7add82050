// `/embed.js`: publishers include it once, anywhere on the page. Every landport embed posts its
// content height; this sizes the iframe it came from. A message counts only when it comes from
// the landport server this script was loaded from, through an iframe on this page showing one of
// its /embed/ pages, so no other frame (an ad, a video) can resize itself with it.
// It is a classic script with no imports (vite.config.ts emits it under a fixed name).
(() => {
  const w = window as unknown as { landportResizer?: boolean };
  if (w.landportResizer) return;
  w.landportResizer = true;

  // The landport server this script came from: only its embeds may resize their frames.
  const script = document.currentScript as HTMLScriptElement | null;
  const landport = script?.src ? new URL(script.src).origin : null;

  const frameFor = (e: MessageEvent) => {
    if (landport && e.origin !== landport) return null;
    for (const frame of Array.from(document.getElementsByTagName('iframe'))) {
      if (frame.contentWindow !== e.source) continue;
      try {
        const src = new URL(frame.src, location.href);
        return src.origin === e.origin && src.pathname.startsWith('/embed/') ? frame : null;
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
    // An oEmbed consumer's maxheight travels as data-landport-max-height: the frame never grows past it (the embed scrolls).
    const max = Number(frame.dataset.landportMaxHeight) || 10_000;
    const height = Math.round(Math.min(Math.max(data.height, 50), max, 10_000));
    frame.style.height = `${height}px`;
    frame.setAttribute('height', String(height));
  });

  // Embeds that loaded before this script ran have already posted once: ask them again.
  for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-landport-embed], iframe[src*="/embed/"]'))) {
    frame.contentWindow?.postMessage({ type: 'landport:ask-size' }, '*');
  }
})();
