// Runs `prisma generate` at install, also on machines that cannot reach Prisma's binary host.
// Generation never executes the native schema engine, but the CLI refuses to start without
// one; when it is missing we point PRISMA_SCHEMA_ENGINE_BINARY at a placeholder and say so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = { ...process.env };
const enginesDir = path.resolve('node_modules/@prisma/engines');
const haveEngine =
  env.PRISMA_SCHEMA_ENGINE_BINARY ||
  (fs.existsSync(enginesDir) && fs.readdirSync(enginesDir).some((f) => f.startsWith('schema-engine')));

if (!haveEngine) {
  const placeholder = path.join(os.tmpdir(), 'landport-no-schema-engine');
  fs.writeFileSync(placeholder, '#!/bin/sh\necho "landport: no Prisma schema engine on this machine" >&2\nexit 1\n', { mode: 0o755 });
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
  console.log(
    'landport: Prisma\'s native schema engine is not installed (offline or air-gapped install).\n' +
      '          Generating the client without it; landport applies its own migrations at start.',
  );
}
const prismaCli = path.resolve('node_modules/prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
