import crypto from 'node:crypto';

/** 27 base64url characters of SHA-256 (160 bits): validators (ETags) and cache keys made from content. */
export const shortHash = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('base64url').slice(0, 27);
