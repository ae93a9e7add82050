import { describe, expect, it } from 'vitest';
import { ANALYSIS_CSV_HEADER, analysisCsv } from './analysis-csv.js';

const month = (over: object) => ({
  month: '2021-12', activity: null, crossingsReporting: 0, trade: null, tradeSource: null, nowcast: null, anomaly: null, ...over,
});

describe('analysisCsv', () => {
  it('writes one row per month with empty cells for nothing, never 0', () => {
    const csv = analysisCsv({ months: [
      month({ month: '2021-11', activity: 575521, crossingsReporting: 21, trade: 32990477205, tradeSource: 'Census, via "chartbook"' }),
      month({ activity: 600000, crossingsReporting: 20, nowcast: { value: 3.1e10, low: 2.9e10, high: 3.3e10 },
        anomaly: { direction: 'high', median: 1, low: 0, high: 2, relative: 0.3, robustZ: 6 } }),
    ] });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(ANALYSIS_CSV_HEADER.join(','));
    expect(lines[0]).toBe('month,activity,crossings_reporting,trade_usd,trade_source,nowcast_usd,nowcast_low_usd,nowcast_high_usd,anomaly');
    expect(lines[1]).toBe('2021-11,575521,21,32990477205,"Census, via ""chartbook""",,,,');
    expect(lines[2]).toBe('2021-12,600000,20,,,31000000000,29000000000,33000000000,high');
    expect(lines).toHaveLength(4); // header, two rows, the final CRLF
  });

  it('neutralises a source that a spreadsheet would run as a formula', () => {
    expect(analysisCsv({ months: [month({ tradeSource: '=HYPERLINK("x")' })] })).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
