import 'server-only'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type BetterSqlite3 from 'better-sqlite3'
import { Prisma, PrismaClient } from './generated/prisma/client'
import { env } from './env'
import { storedDate } from './time/stored-date'

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

// Kept on globalThis: outside production hot reload re-evaluates this module but reuses the client,
// whose connection (and its better-sqlite3 handle, see `sqlite()`) stays open.
const globalForDb = globalThis as unknown as { relaisDb?: PrismaClient; relaisSqlite?: BetterSqlite3.Database }

/** Wraps the adapter factory so that each connection it opens is configured before first use. */
function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url })
  const configure = async (connect: Promise<SqlDriverAdapter>, main: boolean) => {
    const adapter = await connect
    // The adapter keeps its better-sqlite3 handle on `client` (not part of its typed surface).
    const handle = (adapter as unknown as { client: BetterSqlite3.Database }).client
    configureConnection(handle)
    if (main) globalForDb.relaisSqlite = handle
    return adapter
  }
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => configure(inner.connect(), true),
    connectToShadowDb: () => configure(inner.connectToShadowDb(), false),
  }
}

function createClient() {
  return new PrismaClient({ adapter: adapterFactory(env().DATABASE_URL) })
}


/** The one Prisma client; cached on globalThis outside production so hot reload reuses it. */
export const db: PrismaClient = globalForDb.relaisDb ?? createClient()
if (env().NODE_ENV !== 'production') globalForDb.relaisDb = db

// Called by scripts/server.mjs after SIGTERM has drained the in-flight requests.
;(globalThis as { __relaisCloseDatabase?: () => Promise<void> }).__relaisCloseDatabase = () => db.$disconnect()

/**
 * The better-sqlite3 connection under `db`, for hot paths that run one prepared statement instead
 * of a Prisma query (Prisma compiles every query: ~1 ms of CPU per insert). Deliberately the SAME
 * connection, not a second one: better-sqlite3 is synchronous, so a second connection waiting on
 * busy_timeout for a write lock held by an open Prisma transaction would block the event loop that
 * transaction needs to finish (a 5 s stall, then SQLITE_BUSY), and a Prisma transaction that read
 * before writing would fail with SQLITE_BUSY_SNAPSHOT after our commit. On the shared connection a
 * caller runs synchronously between Prisma's statements; it must first check `inTransaction`: when
 * true, a Prisma transaction is open on it (between two awaits) and the caller must go through
 * Prisma instead, or its writes would join (and roll back with) that transaction.
 * Integers come back as BigInt (the adapter sets defaultSafeIntegers).
 */
export async function sqlite(): Promise<BetterSqlite3.Database> {
  if (!globalForDb.relaisSqlite?.open) await db.$connect()
  const connection = globalForDb.relaisSqlite
  if (!connection?.open) throw new Error('The Prisma client has no open SQLite connection.')
  return connection
}

// Statements of `readRows`, per connection and by SQL text. The queue builds its SQL from a few filter
// shapes, so the cache stays small; the bound is a safety net.
const preparedReads = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>()
const MAX_PREPARED_READS = 256

/** A parameter as the adapter binds it: dates as ISO 8601 text ending "+00:00", booleans as 0/1. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return storedDate(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

/**
 * Rows of a read on a hot path (the queue page, its counts, the signed-in account), through a
 * statement prepared once per SQL text on Prisma's own connection (see `sqlite()`): a queue page at
 * 1,000,000 tickets costs ~0.3 ms instead of ~1 ms through `db.$queryRaw`, which compiles it each
 * time. Unlike `$queryRaw`, integers come back as numbers and dates as the stored text, so row types
 * take `Date | string` for dates. While a Prisma transaction is open on the connection the read
 * waits for it to end instead of seeing its uncommitted rows.
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  const connection = await sqlite()
  // A plain $queryRaw would not wait: the adapter serialises transactions, not the statements
  // outside them, so it would read the open transaction's rows. A transaction of its own waits.
  if (connection.inTransaction) return db.$transaction((tx) => tx.$queryRaw<T[]>(query))
  let statements = preparedReads.get(connection)
  if (!statements) preparedReads.set(connection, (statements = new Map()))
  let statement = statements.get(query.sql)
  if (!statement) {
    if (statements.size >= MAX_PREPARED_READS) statements.clear()
    statement = connection.prepare(query.sql).safeIntegers(false)
    statements.set(query.sql, statement)
  }
  return statement.all(...query.values.map(bindable)) as T[]
}
