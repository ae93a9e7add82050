/**
 * sharp (libvips) is loaded on first use, not at start: a server that never renders an embed image nor
 * receives a photo does not carry its 20 MB.
 */
export async function loadSharp() {
  return (await import('sharp')).default;
}
