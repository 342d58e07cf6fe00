import 'server-only'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import type { PrismaClient } from './generated/prisma/client'
import { PrismaClient as PostgresPrismaClient } from './generated/prisma-postgresql/client'
import { env } from './env'

// The PostgreSQL side of lib/db.ts (issue 18): one pg Pool for our own statements (readRows, the
// Sql of lib/db-write.ts) and the Prisma client generated from prisma/postgresql/schema.prisma over
// @prisma/adapter-pg. Both are kept on globalThis: outside production hot reload re-evaluates this
// module and must not open new pools.

const globalForPostgres = globalThis as unknown as { relaisPool?: pg.Pool }

/** Connections per pool (ours and Prisma's each): enough for a 2-core app server; the server's own limit is far above. */
const POOL_SIZE = 10

const { builtins } = pg.types

/**
 * Rows as the SQLite side returns them where code depends on it: COUNT(*) (int8) and SUM (numeric)
 * as numbers, not strings; a "timestamp(3)" column (Prisma's DateTime, stored in UTC) as a Date read
 * as UTC, not in the process's zone. Per pool, so the global parsers of `pg` stay untouched.
 */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === builtins.INT8 || oid === builtins.NUMERIC) return Number
  if (oid === builtins.TIMESTAMP) return (value) => new Date(`${value.replace(' ', 'T')}Z`)
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown
}

// Sessions in UTC: date functions over timestamptz (now(), date_trunc) then agree with the stored
// UTC instants, whatever the server's default zone.
const connectionOptions = (connectionString: string): pg.PoolConfig => ({ connectionString, max: POOL_SIZE, options: '-c TimeZone=UTC' })

/** Our pool (readRows, lib/db-write.ts), opened on first use. */
export function postgresPool(): pg.Pool {
  if (!globalForPostgres.relaisPool) {
    const pool = new pg.Pool({ ...connectionOptions(env().DATABASE_URL), types: { getTypeParser: typeParser } as pg.CustomTypesConfig })
    // An idle connection the server closed (a restart, a terminated backend) is dropped by the pool
    // and replaced on next use; without a listener its 'error' event would end the process.
    pool.on('error', (error) => console.warn(`PostgreSQL : connexion inactive perdue / idle connection lost (${error.message})`))
    globalForPostgres.relaisPool = pool
  }
  return globalForPostgres.relaisPool
}

/** Ends our pool, when one was opened (the server's SIGTERM drain, a test file's end). */
export async function closePostgresPool(): Promise<void> {
  const pool = globalForPostgres.relaisPool
  globalForPostgres.relaisPool = undefined
  await pool?.end()
}

/**
 * The Prisma client for PostgreSQL. Both generated clients come from one datamodel
 * (scripts/postgres-schema.mjs derives the PostgreSQL schema from prisma/schema.prisma): same
 * models, fields and methods, only the provider differs. So the SQLite client's type serves the
 * whole app, and this is the one place that says so, with a cast.
 */
export function postgresPrismaClient(): PrismaClient {
  const adapter = new PrismaPg(connectionOptions(env().DATABASE_URL))
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient
}
