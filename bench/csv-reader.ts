// The CSV reader of observation uploads (server/imports/lenient-csv.ts) against csv-parse, which it replaced
// there: the same 300,000-row file (38 MB, CRLF, a quoted cell per row), records per second, two rounds.
// `npm run bench:csv`.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parse } from 'csv-parse';
import { readCsvRecords } from '../server/imports/lenient-csv.js';
const file = path.join(os.tmpdir(), 'landport-bench-csv-300k.csv');
if (!fs.existsSync(file)) {
  const lines = ['crossingId,observedAt,metric,value,vehicleClass,method,source,notes'];
  for (let i = 0; i < 300_000; i++) lines.push(`cn-kp-dandong-sinuiju-friendship-bridge,2025-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z,queue_vehicles,${i % 97},truck,field,"partner feed, site A",note ${i}`);
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
}
const mb = fs.statSync(file).size / 1e6;
for (let round = 0; round < 2; round++) {
  let t = performance.now(); let n = 0;
  for await (const _ of readCsvRecords(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }))) n++;
  const a = performance.now() - t;
  t = performance.now(); let m = 0;
  for await (const _ of fs.createReadStream(file).pipe(parse({ columns: true, bom: true, info: true, trim: true }))) m++;
  const b = performance.now() - t;
  console.log(`${mb.toFixed(1)} MB, ${n} records: lenient-csv ${a.toFixed(0)} ms (${(mb / a * 1000).toFixed(0)} MB/s); csv-parse ${b.toFixed(0)} ms (${(mb / b * 1000).toFixed(0)} MB/s), ${m} records`);
}
