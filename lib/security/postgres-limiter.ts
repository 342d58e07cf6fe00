import 'server-only'
import type pg from 'pg'
import { RateLimiterPostgres } from 'rate-limiter-flexible'
import { postgresPool } from '@/lib/db-postgres'
import { runDetached } from '@/lib/security/detached-scope'

// The rate limits on PostgreSQL (issue 18): several app processes share one database, so a limit
// must hold whichever process answers. rate-limiter-flexible's PostgreSQL store keeps each count in
// one row of "_relais_rate_limits" (migration 20261202100002_shared_process_state), counted by one
// atomic INSERT … ON CONFLICT DO UPDATE, so concurrent processes never lose a point.

export const RATE_LIMIT_TABLE = '_relais_rate_limits'

export interface LimiterOptions {
  keyPrefix: string
  points: number
  duration: number
}

/**
 * The store's client: our pool (lib/db-postgres.ts), looked up on every query so a pool reopened
 * after a close is used. Queries run in the detached scope (lib/security/detached-scope.ts): a
 * connection the pool opens for one of them lives on, and must not keep that request alive.
 */
const storeClient = {
  query: (query: pg.QueryConfig) => runDetached(() => postgresPool().query(query)),
}

/**
 * A limiter whose counts live in the database. The table is created by the migration, never at
 * request time (`tableCreated`). `sweeps`: this limiter deletes the table's expired rows every five
 * minutes (one limiter per process is enough, the table is shared); its timer is made in the
 * detached scope, like the memory limiter's.
 */
export function postgresRateLimiter(options: LimiterOptions, sweeps = false): RateLimiterPostgres {
  return runDetached(
    () =>
      new RateLimiterPostgres({
        ...options,
        storeClient,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: sweeps,
      }),
  )
}
