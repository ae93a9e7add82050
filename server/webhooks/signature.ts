import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Landport-Signature';

const hmacHex = (secret: string, t: number, body: string) => crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the endpoint's secret (its 64 hex
 * characters as text). Signed at each attempt, so a receiver can refuse old replays by `t`.
 */
export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/** What a receiver does (docs/webhooks.md): true when the header signs `body` with `secret` within the tolerance. */
export function verifySignature(secret: string, header: string, body: string, opts: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== 'string' || !/^[0-9a-f]{64}$/.test(parts.v1)) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  return crypto.timingSafeEqual(Buffer.from(parts.v1, 'hex'), Buffer.from(hmacHex(secret, t, body), 'hex'));
}

/** A new endpoint's secret: 32 random bytes as hex. */
export const newWebhookSecret = () => crypto.randomBytes(32).toString('hex');
