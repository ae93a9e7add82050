import fs from 'node:fs';

/** Removes the run's embedded database once the web server has stopped. */
export default function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.includes('landport-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
