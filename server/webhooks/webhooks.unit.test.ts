import { describe, expect, it } from 'vitest';
import type { AnalysisDto } from '../contracts/analysis.js';
import { analysisChanges, watchStateOf } from './analysis-diff.js';
import { retryDelayMs } from './delivery-worker.js';
import { signatureHeader, verifySignature } from './signature.js';
import { webhookUrlProblem } from './webhook-url.js';

const SECRET = 'ab'.repeat(32);
const BODY = '{"id":"e1","type":"webhook.test"}';

describe('webhook signatures', () => {
  it('are HMAC-SHA256 of "<t>.<body>": the value openssl gives for the same key and text', () => {
    // printf '%s' '1700000000.{"id":"e1","type":"webhook.test"}' | openssl dgst -sha256 -hmac abab…ab (32 × "ab")
    expect(signatureHeader(SECRET, BODY, new Date(1_700_000_000_500))).toBe('t=1700000000,v1=bad305fa34769ef5e38938dfaf4f5da1d0c00c78bbc271c25c4819d57b26287e');
  });

  it('verify for the same secret and body within the tolerance, and for nothing else', () => {
    const at = new Date(1_700_000_000_000);
    const header = signatureHeader(SECRET, BODY, at);
    expect(verifySignature(SECRET, header, BODY, { now: at })).toBe(true);
    expect(verifySignature(SECRET, header, `${BODY} `, { now: at })).toBe(false);
    expect(verifySignature('cd'.repeat(32), header, BODY, { now: at })).toBe(false);
    expect(verifySignature(SECRET, header, BODY, { now: new Date(at.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(SECRET, 't=1700000000,v1=zz', BODY, { now: at })).toBe(false);
  });
});

describe('webhook URLs', () => {
  it.each([
    ['https://example.org/hooks', null],
    ['http://127.0.0.1:8080/hooks', null],
    ['http://127.10.0.3/hooks', null],
    ['http://[::1]:9000/', null],
    ['http://localhost/x', null],
    ['http://10.0.0.1/hooks', 'must use https (plain http only to a loopback address such as 127.0.0.1)'],
    ['http://127.0.0.1.example.org/', 'must use https (plain http only to a loopback address such as 127.0.0.1)'],
    ['https://a:b@example.org/', 'must not hold a user name or password (deliveries are signed instead)'],
    ['https://example.org/#x', 'must not have a #fragment'],
    ['example.org/hooks', 'must be an absolute URL, such as https://example.org/hooks/landport'],
  ])('%s → %s', (url, problem) => expect(webhookUrlProblem(url)).toBe(problem));
});

describe('retry waits', () => {
  it('double from the base after each failure, up to the cap', () => {
    const s = { retryBaseMs: 30_000, retryMaxMs: 6 * 3600_000 };
    expect([1, 2, 3, 4, 9, 10, 11].map((n) => retryDelayMs(n, s))).toEqual([30_000, 60_000, 120_000, 240_000, 7_680_000, 15_360_000, 21_600_000]);
  });
});

describe('what the analysis watch reports', () => {
  const analysis = (anomalies: [string, string][], nowcast: [string, number][]) => ({
    anomalies: anomalies.map(([crossing, month]) => ({ crossing, month, value: 9, direction: 'high', median: 1, low: 0, high: 2, relative: 8, robustZ: 5 })),
    nowcast: nowcast.map(([month, value]) => ({ month, value, low: value * 0.8, high: value * 1.2, expectedPublication: null, overdue: false })),
  }) as unknown as AnalysisDto;

  it('nothing on the first look (the baseline)', () => {
    expect(analysisChanges(null, analysis([['a', '2025-01']], [['2025-02', 100]]))).toEqual({ flagged: [], nowcast: null });
  });

  it('only anomalies it had not seen, and a nowcast that moved by more than rounding', () => {
    const before = watchStateOf(analysis([['a', '2025-01']], [['2025-02', 100]]));
    const same = analysisChanges(before, analysis([['a', '2025-01']], [['2025-02', 100 + 1e-9]]));
    expect(same).toEqual({ flagged: [], nowcast: null });
    const moved = analysisChanges(before, analysis([['a', '2025-01'], ['b', '2025-01']], [['2025-02', 101]]));
    expect(moved.flagged.map((x) => x.crossing)).toEqual(['b']);
    expect(moved.nowcast?.previous.map((n) => n.value)).toEqual([100]);
    expect(moved.nowcast?.current.map((n) => n.value)).toEqual([101]);
    // A month that left the nowcast (customs published it) is a change too.
    expect(analysisChanges(before, analysis([], []))).toMatchObject({ flagged: [], nowcast: { current: [] } });
  });
});
