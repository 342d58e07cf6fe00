import 'server-only'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { databaseProvider } from '@/lib/sql-dialect'

// The version of the queue's counts across processes (issue 18). SQLite: one process serves the
// app, its own cache is the whole truth, so there is nothing to share (always 0). PostgreSQL: the
// sequence "_relais_ticket_counts_version" (migration 20261202100002_shared_process_state), advanced
// after every change that the facet counts must reflect at once, read (one catalogue row, no table
// scan) before cached counts are served. A sequence advances outside transactions and without a row
// lock, so concurrent changes never wait on each other for it.

const shared = () => databaseProvider() === 'postgresql'

/** The current version; 0 on SQLite. */
export async function readCountsVersion(): Promise<number> {
  if (!shared()) return 0
  // Before its first nextval a sequence reads last_value 1 with is_called false.
  const [row] = await readRows<{ value: number; called: boolean }>(
    Prisma.sql`SELECT "last_value" AS "value", "is_called" AS "called" FROM "_relais_ticket_counts_version"`,
  )
  return row?.called ? Number(row.value) : 0
}

/** Advances the version, so every process recounts on its next read; nothing to do on SQLite. */
export async function advanceCountsVersion(): Promise<void> {
  if (!shared()) return
  // nextval() is a function call: a SELECT on the read path's pool, committed as it runs.
  await readRows(Prisma.sql`SELECT nextval('"_relais_ticket_counts_version"') AS "value"`)
}
