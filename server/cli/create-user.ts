// `npm run user:create -- --email ada@example.org --name "Ada" --role admin`
// Creates an account (the first admin, typically). The password comes from LANDPORT_PASSWORD or,
// when unset, is read from standard input, so it never appears in the shell history.
import crypto from 'node:crypto';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createUserInput } from '../contracts/auth.js';
import { createUser } from '../auth/auth.repo.js';
import { hashPassword } from '../auth/password.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startStorage } from '../start-storage.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
let password = process.env.LANDPORT_PASSWORD;
if (!password) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  password = await rl.question('Password (10 characters or more): ');
  rl.close();
}
const parsed = createUserInput.safeParse({ email: values.email, displayName: values.name ?? values.email, role: values.role, password });
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}
const config = loadConfig();
const db = await startStorage(config, createLogger('warn'));
try {
  const u = parsed.data;
  const user = await createUser(db.prisma, { id: crypto.randomUUID(), email: u.email, displayName: u.displayName, role: u.role, passwordHash: await hashPassword(u.password!) });
  console.log(`Created ${user.role} ${user.email} (${user.id})`);
} catch (err) {
  console.error((err as { code?: string }).code === 'P2002' ? `A user with the email ${values.email} exists` : (err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
