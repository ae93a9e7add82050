import { describe, expect, it } from 'vitest';
import { classifyResponse, retryDelaySeconds } from './send-queue.js';

describe('the upload queue', () => {
  it('backs off by doubling up to five minutes', () => {
    expect([1, 2, 3, 4, 8, 9, 20].map(retryDelaySeconds)).toEqual([2, 4, 8, 16, 256, 300, 300]);
  });
  it('is done on 201 and on 200 (a resend the server already had)', () => {
    expect(classifyResponse(201, '')).toEqual({ kind: 'sent' });
    expect(classifyResponse(200, '')).toEqual({ kind: 'sent' });
  });
  it('keeps refusals with their reason, waits for sign-in, and retries the rest', () => {
    expect(classifyResponse(400, 'value: must be 0 or more')).toEqual({ kind: 'failed', reason: 'value: must be 0 or more', status: 400 });
    expect(classifyResponse(409, 'conflict').kind).toBe('failed');
    expect(classifyResponse(401, 'Sign in').kind).toBe('signin');
    expect(classifyResponse(503, '')).toEqual({ kind: 'retry', reason: 'server answered 503' });
    expect(classifyResponse(500, 'boom').kind).toBe('retry');
  });
});
