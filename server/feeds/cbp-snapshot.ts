import { textProblem } from '../contracts/common.js';
import type { FieldIssue } from '../http/http-error.js';

/** Hours from UTC of the zone abbreviations CBP writes in `update_time`. */
const ZONES: Record<string, number> = {
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  AKST: -9, AKDT: -8, HST: -10, AST: -4, ADT: -3, NST: -3.5, NDT: -2.5,
};

/**
 * When a lane reading was taken: the port's `date` (MM/DD/YYYY) at the time of day in
 * `update_time` ("At Noon EDT", "At 1:00 pm PST", "At Midnight CST", "At 12:30 am MDT"), in the
 * zone it names. Null for anything else ("Pending Update", no zone): a reading with no known
 * instant is not stored.
 */
export function resolveUpdateTime(date: string, updateTime: string): Date | null {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  const t = /^At\s+(?:(Noon|Midnight)|(\d{1,2})(?::(\d{2}))?\s*(am|pm))\s+([A-Z]{2,4})$/i.exec(updateTime.trim());
  if (!d || !t) return null;
  const offset = ZONES[t[5].toUpperCase()];
  if (offset === undefined) return null;
  let hour: number;
  let minute = 0;
  if (t[1]) hour = t[1].toLowerCase() === 'noon' ? 12 : 0;
  else {
    const h = Number(t[2]);
    if (h < 1 || h > 12) return null;
    minute = Number(t[3] ?? 0);
    if (minute > 59) return null;
    hour = (h % 12) + (t[4].toLowerCase() === 'pm' ? 12 : 0);
  }
  const [month, day, year] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const utc = Date.UTC(year, month - 1, day, hour, minute) - offset * 3_600_000;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc);
}

/** A value CBP gives as a string: "N/A", "" and absent mean missing. */
const present = (v: unknown): string | null => (typeof v === 'string' && v.trim() && v.trim().toUpperCase() !== 'N/A' ? v.trim() : null);

export type CbpReading = {
  /** The port's position in the snapshot (0-based), for reporting. */
  portIndex: number;
  portNumber: string;
  portCode: string;
  portName: string;
  crossingName: string;
  neighbour: 'MX' | 'CA';
  lane: 'standard' | 'FAST';
  observedAt: Date;
  delayMinutes: number;
  lanesOpen: number | null;
  operationalStatus: string | null;
};

/**
 * The commercial-lane readings of one `bwtnew` snapshot fetched at `fetchedAt`. A port without
 * a delay (N/A, empty, closed) gives none; a malformed port is reported by its position, the
 * others still read.
 */
export function readCbpSnapshot(body: unknown, fetchedAt = new Date()): { readings: CbpReading[]; problems: { index: number; fields: FieldIssue[] }[] } {
  const readings: CbpReading[] = [];
  const problems: { index: number; fields: FieldIssue[] }[] = [];
  if (!Array.isArray(body)) return { readings, problems: [{ index: -1, fields: [{ path: '', message: 'the snapshot is not a JSON array of ports' }] }] };
  body.forEach((port: Record<string, unknown>, index) => {
    const fields: FieldIssue[] = [];
    const portNumber = present(port?.port_number);
    if (!portNumber || !/^\d{6}$/.test(portNumber)) fields.push({ path: 'port_number', message: 'must be six digits' });
    const border = present(port?.border) ?? '';
    const neighbour = /mexic/i.test(border) ? 'MX' : /canad/i.test(border) ? 'CA' : null;
    if (!neighbour) fields.push({ path: 'border', message: 'must be the Mexican or the Canadian border' });
    const date = present(port?.date);
    if (!date) fields.push({ path: 'date', message: 'is required' });
    // The names become a crossing's name as they are; the database refuses a NUL.
    for (const key of ['port_name', 'crossing_name'] as const) {
      const problem = textProblem(present(port?.[key]) ?? '');
      if (problem) fields.push({ path: key, message: problem });
    }
    if (fields.length) return problems.push({ index, fields });
    const lanes = (port.commercial_vehicle_lanes ?? {}) as Record<string, Record<string, unknown> | undefined>;
    for (const [key, lane] of [['standard_lanes', 'standard'], ['FAST_lanes', 'FAST']] as const) {
      const l = lanes[key];
      const delay = present(l?.delay_minutes);
      if (!l || delay === null) continue;
      let observedAt = resolveUpdateTime(date!, present(l.update_time) ?? '');
      // A lane last updated before midnight, in a snapshot dated after it, names yesterday's time.
      if (observedAt && observedAt.getTime() > fetchedAt.getTime() + 10 * 60_000) observedAt = new Date(observedAt.getTime() - 86_400_000);
      const minutes = Number(delay);
      if (!observedAt || !Number.isFinite(minutes) || minutes < 0) {
        problems.push({ index, fields: [{ path: `commercial_vehicle_lanes.${key}`, message: observedAt ? 'delay_minutes is not a number of minutes' : `update_time "${String(l.update_time)}" names no time and zone` }] });
        continue;
      }
      const open = present(l.lanes_open);
      readings.push({
        portIndex: index, portNumber: portNumber!, portCode: portNumber!.slice(0, 4), portName: present(port.port_name) ?? portNumber!,
        crossingName: present(port.crossing_name) ?? '', neighbour: neighbour!, lane, observedAt, delayMinutes: minutes,
        lanesOpen: open !== null && /^\d+$/.test(open) ? Number(open) : null, operationalStatus: present(l.operational_status),
      });
    }
  });
  return { readings, problems };
}
