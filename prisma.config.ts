import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { databaseUrl } from './scripts/database-url.mjs'

// Prisma 6.19 runs generate/migrate through its WebAssembly schema engine with a driver adapter,
// so no native engine is downloaded (see README, "Decisions").
process.env.DATABASE_URL = databaseUrl()

/**
 * `migrate diff --from-migrations` replays each migration on a shadow database through
 * `executeRaw`, which better-sqlite3 prepares as ONE statement and so fails on a whole migration
 * file (P3006). On the shadow database only, parameterless SQL runs as a script instead.
 */
function withScriptableShadowDb(factory: PrismaBetterSQLite3): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const shadow = await factory.connectToShadowDb()
      const executeRaw = shadow.executeRaw.bind(shadow)
      shadow.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query)
        await shadow.executeScript(query.sql)
        return 0
      }
      return shadow
    },
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx --conditions=react-server prisma/seed.ts' },
  adapter: async () => withScriptableShadowDb(new PrismaBetterSQLite3({ url: databaseUrl() })),
})
