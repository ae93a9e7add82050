// Dates in the list are written out in UTC, the zone the server stores them in, so two analysts in different
// places read the same day for the same embed.

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** "2026-12-02T09:05:00Z" → "2 Dec 2026". */
export const formatDay = (iso: string): string => DAY.format(new Date(iso));

/** "2026-12-02T09:05:00Z" → "2 Dec 2026, 09:05 UTC". */
export const formatDayTime = (iso: string): string => `${DAY.format(new Date(iso))}, ${TIME.format(new Date(iso))} UTC`;

/** What the list says about the freshness of an embed's data (`dataAsOf` is null before any approval). */
export const dataAsOfText = (dataAsOf: string | null): string =>
  dataAsOf ? `Data as of ${formatDayTime(dataAsOf)}` : 'No approved data yet';
