import 'server-only'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils'
import { Mutex } from 'async-mutex'
import Database from 'better-sqlite3'
import type pg from 'pg'
import { Prisma, PrismaClient } from './generated/prisma/client'
import { env } from './env'
import { closePostgresPool, postgresPool, postgresPrismaClient } from './db-postgres'
import { bindValue, databaseProvider, registerSqliteFunctions } from './sql-dialect'
import { AUTOCHECKPOINT_BACKSTOP, walCheckpoints, type WalCheckpoints } from './wal-checkpoint'
import { walSync, type WalSync } from './wal-sync'

export { databaseProvider }

// Two providers (issue 18): the SQLite file (default; `file:` or unset DATABASE_URL), with the gate
// and our own connection below, or PostgreSQL (`postgresql://`), with a pool and no gate
// (lib/db-postgres.ts): concurrent transactions are the server's business there.
const postgres = databaseProvider() === 'postgresql'

// One gate for every access to the database file from this process. SQLite allows one writer, and
// Prisma's adapter keeps ONE connection whose transactions it serialises, but not the statements
// issued outside them: such a statement would run inside another request's open transaction (a
// write joining it and rolled back with it, a read seeing its uncommitted rows). So every Prisma
// statement outside a transaction, every Prisma transaction from BEGIN to COMMIT/ROLLBACK, and
// every use of our own connection (`withConnection`) hold the gate, one at a time, in arrival order.
// Consequence: code inside a `db.$transaction` callback must use its `tx`, never `db` or
// `readRows`, or it waits for itself (until Prisma's transaction timeout).
// Kept on globalThis with the client and the connection: outside production hot reload re-evaluates
// this module but reuses the client, whose adapter must keep sharing the gate with `withConnection`.
const globalForDb = globalThis as unknown as { relaisDb?: PrismaClient; relaisConnection?: Database.Database; relaisGate?: Mutex; relaisWalSync?: WalSync; relaisCheckpoints?: WalCheckpoints }
const gate = (globalForDb.relaisGate ??= new Mutex())

/**
 * Per-connection settings: WAL (persistent in the file), synchronous=FULL: a 201 means on disk.
 * Our own connection commits with NORMAL and its group commit waits for `ownWalSync().synced()` (same
 * guarantee, the disk wait off the event loop: lib/wal-sync.ts).
 */
function configureConnection(sqlite: Database.Database, synchronous: 'FULL' | 'NORMAL') {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${synchronous}`)
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
}

/** A Prisma transaction holding the gate until it ends. */
function gatedTransaction(tx: Transaction, release: () => void): Transaction {
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish()
    } finally {
      release()
    }
  }
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
  }
}

/** The adapter's connection, through its public interface, with every use behind the gate. */
function gatedAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => gate.runExclusive(() => adapter.queryRaw(query)),
    executeRaw: (query) => gate.runExclusive(() => adapter.executeRaw(query)),
    executeScript: (script) => gate.runExclusive(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await gate.acquire()
      try {
        return gatedTransaction(await adapter.startTransaction(isolationLevel), release)
      } catch (error) {
        release()
        throw error
      }
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  }
}

/** Configures the adapter's connection with the same settings, by statements (its public surface). */
async function configured(adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> {
  for (const sql of ['PRAGMA synchronous = FULL', 'PRAGMA busy_timeout = 5000', 'PRAGMA foreign_keys = ON']) {
    await adapter.queryRaw({ sql, args: [], argTypes: [] })
  }
  return adapter
}

function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url })
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => gatedAdapter(await configured(await inner.connect())),
    connectToShadowDb: async () => configured(await inner.connectToShadowDb()),
  }
}

/** The one Prisma client; cached on globalThis outside production so hot reload reuses it. */
export const db: PrismaClient =
  globalForDb.relaisDb ?? (postgres ? postgresPrismaClient() : new PrismaClient({ adapter: adapterFactory(env().DATABASE_URL) }))
if (env().NODE_ENV !== 'production') globalForDb.relaisDb = db

/**
 * Our own better-sqlite3 connection to the same file, opened here and used only under the gate: for
 * the hot paths that run statements prepared once instead of Prisma queries (Prisma compiles every
 * query, ~1 ms of CPU). Under the gate no Prisma statement or transaction runs meanwhile, so the two
 * connections never wait on each other's locks (better-sqlite3 is synchronous: a wait on
 * busy_timeout would block the event loop).
 */
function connection(): Database.Database {
  if (!globalForDb.relaisConnection?.open) {
    const own = new Database(databaseFile())
    configureConnection(own, 'NORMAL')
    // Its checkpoints run after the answers (lib/wal-checkpoint.ts); SQLite's own only as a backstop.
    own.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_BACKSTOP}`)
    registerSqliteFunctions(own)
    globalForDb.relaisConnection = own
  }
  return globalForDb.relaisConnection
}

const databaseFile = () => env().DATABASE_URL.replace(/^file:/, '')

/** The WAL syncs of our own connection's commits (SQLite only; lib/wal-sync.ts). */
export function ownWalSync(): WalSync {
  return (globalForDb.relaisWalSync ??= walSync(databaseFile()))
}

/** The deferred WAL checkpoints of our own connection's commits (SQLite only; lib/wal-checkpoint.ts). */
export function ownWalCheckpoints(): WalCheckpoints {
  return (globalForDb.relaisCheckpoints ??= walCheckpoints())
}

/** Runs a deferred WAL checkpoint on our own connection, under the gate, unless it has been closed. */
export function checkpointOwnConnection(): Promise<void> {
  return gate.runExclusive(() => {
    const own = globalForDb.relaisConnection
    if (own?.open) ownWalCheckpoints().checkpoint(own)
  })
}

/** Runs `work` with our own connection, alone (see the gate above). SQLite only. */
export function withConnection<T>(work: (connection: Database.Database) => T | Promise<T>): Promise<T> {
  if (postgres) throw new Error('withConnection is SQLite-only: use readRows or the Sql of lib/db-write.ts')
  return gate.runExclusive(() => work(connection()))
}

// Called by scripts/server.mjs after SIGTERM has drained the in-flight requests.
;(globalThis as { __relaisCloseDatabase?: () => Promise<void> }).__relaisCloseDatabase = async () => {
  await db.$disconnect()
  if (postgres) await closePostgresPool()
  else await withConnection(async (own) => {
    own.close()
    await globalForDb.relaisWalSync?.close()
  })
}

// Statements prepared on our connection, by SQL text. The queue builds its SQL from a few filter
// shapes and the writers use fixed texts, so the cache stays small; the bound is a safety net.
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>()
const MAX_PREPARED = 256

/** The statement for `sql` on `own`, prepared once; integers come back as numbers. */
export function statementFor(own: Database.Database, sql: string): Database.Statement {
  let statements = prepared.get(own)
  if (!statements) prepared.set(own, (statements = new Map()))
  let statement = statements.get(sql)
  if (!statement) {
    if (statements.size >= MAX_PREPARED) statements.clear()
    statement = own.prepare(sql).safeIntegers(false)
    statements.set(sql, statement)
  }
  return statement
}

/**
 * Rows of a read on a hot path (the queue page, its counts, the signed-in account), through a
 * statement prepared once on our connection: a queue page at 1,000,000 tickets costs ~0.3 ms
 * instead of ~1 ms through `db.$queryRaw`, which compiles it each time. Unlike `$queryRaw`, integers
 * come back as numbers and dates as the stored text (SQLite) or a Date (PostgreSQL), so row types
 * take `Date | string` for dates. On SQLite behind the gate, so it never sees a transaction's
 * uncommitted rows; on PostgreSQL a pooled connection outside any transaction (READ COMMITTED).
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  const values = query.values.map(bindValue)
  if (postgres) return (await postgresPool().query(query.text, values)).rows as T[]
  return withConnection((own) => statementFor(own, query.sql).all(...values) as T[])
}

/**
 * Runs `work` in a transaction on a pooled PostgreSQL connection (the Sql of lib/db-write.ts):
 * committed when it resolves, rolled back when it throws.
 */
export async function withPostgresTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await postgresPool().connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const value = await work(client)
    await client.query('COMMIT')
    return value
  } catch (error) {
    // A connection that cannot even roll back is dropped from the pool rather than reused.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
    throw error
  } finally {
    client.release(broken)
  }
}
