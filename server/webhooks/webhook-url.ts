/** 127.0.0.0/8, ::1 and localhost: a receiver on this machine, where plain http cannot be read by anyone else. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why a URL cannot receive webhooks, or null when it can: HTTPS anywhere, or http to a loopback address.
 * Credentials in the URL are refused: the signature is what proves a delivery came from landport.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL, such as https://example.org/hooks/landport';
  }
  if (url.username || url.password) return 'must not hold a user name or password (deliveries are signed instead)';
  if (url.hash) return 'must not have a #fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? null : 'must use https (plain http only to a loopback address such as 127.0.0.1)';
  return 'must be an https:// URL';
}
