// Prisma CLI configuration. Prisma 7 reads no .env by itself and the app applies its
// own migrations (see server/db/migrate.ts), so only the schema and migrations paths matter here.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/landport' },
});
