import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { databaseUrl } from './scripts/database-url.mjs'

// Prisma 6.19 runs generate/migrate through its WebAssembly schema engine with a driver adapter,
// so no native engine is downloaded (see README, "Decisions").
process.env.DATABASE_URL = databaseUrl()

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx --conditions=react-server prisma/seed.ts' },
  adapter: async () => new PrismaBetterSQLite3({ url: databaseUrl() }),
})
