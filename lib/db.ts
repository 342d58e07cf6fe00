import 'server-only'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type BetterSqlite3 from 'better-sqlite3'
import { PrismaClient } from './generated/prisma/client'
import { env } from './env'

/**
 * Per-connection settings. journal_mode=WAL is persistent in the file (set by migrations at start);
 * synchronous=FULL makes every committed report durable before it is acknowledged.
 */
function configureConnection(sqlite: BetterSqlite3.Database) {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
}

/** Wraps the adapter factory so that each connection it opens is configured before first use. */
function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url })
  const configure = async (connect: Promise<SqlDriverAdapter>) => {
    const adapter = await connect
    // The adapter keeps its better-sqlite3 handle on `client` (not part of its typed surface).
    configureConnection((adapter as unknown as { client: BetterSqlite3.Database }).client)
    return adapter
  }
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => configure(inner.connect()),
    connectToShadowDb: () => configure(inner.connectToShadowDb()),
  }
}

function createClient() {
  return new PrismaClient({ adapter: adapterFactory(env().DATABASE_URL) })
}

const globalForDb = globalThis as unknown as { relaisDb?: PrismaClient }

/** The one Prisma client; cached on globalThis outside production so hot reload reuses it. */
export const db: PrismaClient = globalForDb.relaisDb ?? createClient()
if (env().NODE_ENV !== 'production') globalForDb.relaisDb = db

// Called by scripts/server.mjs after SIGTERM has drained the in-flight requests.
;(globalThis as { __relaisCloseDatabase?: () => Promise<void> }).__relaisCloseDatabase = () => db.$disconnect()
