import crypto from 'node:crypto';
import pg from 'pg';

/** A new database on the server `adminUrl` points at (empty, or a copy of `template`), and how to drop it. */
export async function createScratchDatabase(adminUrl: string, prefix = 'landport_scratch', opts: { template?: string } = {}) {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${opts.template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
