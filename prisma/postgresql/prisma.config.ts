import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

// Prisma's CLI for the PostgreSQL side (issue 18), with `--config prisma/postgresql/prisma.config.ts`:
// `prisma generate` of the PostgreSQL client (postinstall, no connection) and `prisma migrate diff`
// for new PostgreSQL migrations (through the adapter it connects to DATABASE_URL, a reachable server,
// but reads nothing for a diff between datamodels). The derived schema comes from prisma/schema.prisma
// (scripts/postgres-schema.mjs). Migrations are applied by `npm run db:deploy`, not by
// `prisma migrate deploy` (scripts/postgres-migrate.mjs says why).
const root = path.resolve(import.meta.dirname, '..', '..')
// The schema's datasource reads DATABASE_URL, which must then name PostgreSQL even where the app runs
// on SQLite (postinstall): generate never connects to it.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) process.env.DATABASE_URL = 'postgresql://localhost/relais'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(root, 'prisma', 'postgresql', 'schema.prisma'),
  migrations: { path: path.join(root, 'prisma', 'migrations-postgresql') },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
})
