/**
 * Date-times as spreadsheets and field forms write them, to one instant: ISO 8601 with `T` or
 * a space, seconds optional, an offset (`Z`, `+08:00`, `+0800`, also after a space) or none,
 * a date alone (midnight); with `dateOrder` dmy or mdy also `16/11/2025`, `16.11.2025 07:30`.
 * A value without an offset is wall time in `timezone` (IANA, default UTC).
 */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export type DateTimeOptions = { timezone: string; dateOrder: DateOrder };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const LOCAL = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export type ParsedDateTime = { ok: true; date: Date } | { ok: false; message: string };

const HINT = 'such as 2025-11-14 07:30 +08:00, 2025-11-14T07:30:00Z or 2025-11-14';

export function parseDateTime(raw: string, opts: DateTimeOptions): ParsedDateTime {
  const s = raw.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0, offset: string | undefined;
  const iso = ISO.exec(s);
  const local = iso ? null : LOCAL.exec(s);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] !== undefined) [h, mi, sec] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    if (iso[7]) ms = Number(iso[7].slice(0, 3).padEnd(3, '0'));
    offset = iso[8];
  } else if (local) {
    if (opts.dateOrder === 'ymd') {
      return { ok: false, message: `"${s}" is day and month without their order: set the import's date order (day first or month first), or write it ${HINT}` };
    }
    const [a, b] = [Number(local[1]), Number(local[2])];
    [d, mo] = opts.dateOrder === 'dmy' ? [a, b] : [b, a];
    y = Number(local[3]);
    if (local[4] !== undefined) [h, mi, sec] = [Number(local[4]), Number(local[5]), Number(local[6] ?? 0)];
    offset = local[7];
  } else {
    return { ok: false, message: `"${s}" is not a date-time; write it ${HINT}` };
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59) {
    return { ok: false, message: `"${s}" is not a real date and time` };
  }
  if (y < 1900) return { ok: false, message: `"${s}" is before 1900` };
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (offset) return { ok: true, date: new Date(wall - offsetMinutes(offset) * 60_000) };
  return { ok: true, date: new Date(wall - zoneOffsetAt(wall, opts.timezone) * 60_000) };
}

const daysIn = (y: number, mo: number) => new Date(Date.UTC(y, mo, 0)).getUTCDate();

function offsetMinutes(o: string): number {
  if (o.toUpperCase() === 'Z') return 0;
  const digits = o.slice(1).replace(':', '');
  const m = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
  return o[0] === '-' ? -m : m;
}

/** Whether `timezone` is an IANA zone this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes `timezone` is ahead of UTC at the wall time `wall` (ms, read as UTC): two passes settle DST edges. */
function zoneOffsetAt(wall: number, timezone: string): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const offsetOf = (instant: number) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
  };
  const first = offsetOf(wall);
  return offsetOf(wall - first * 60_000);
}
