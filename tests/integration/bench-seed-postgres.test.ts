import { describe, expect, inject, it } from 'vitest'
import { db, readRows } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { countTicketChange, type CountedTicket } from '@/lib/tickets/hour-counts'
import { seedQueuePostgres } from '@/bench/seed-queue-postgres'

// The bench's PostgreSQL seed (issue 18) bulk-loads tickets and computes the dashboard aggregates
// in one statement (computedCountsSqlPostgres of lib/tickets/hour-count-sql.ts, which the repair
// uses too): they must be the rows the app's write path keeps
// for the same tickets (lib/tickets/hour-counts.ts), or the dashboard the bench times on PostgreSQL
// reads other figures than production would. PostgreSQL only: the SQLite seed uses the app's own
// rebuild SQL.

const countRows = () =>
  readRows<{ key: string }>(Prisma.sql`SELECT "measure" || '|' || "bucket" || '|' || "category" || '|' || "bin" || '|' || "count" AS "key"
    FROM "TicketHourCount" WHERE "count" <> 0 ORDER BY 1`).then((rows) => rows.map((r) => r.key))

describe.runIf(inject('testDatabase').provider === 'postgresql')('bench seed on PostgreSQL', () => {
  it('stores the dashboard aggregates the write path would keep for the same tickets', async () => {
    // A fixed clock across both daylight-saving changes of three school years, 800 tickets.
    const result = await seedQueuePostgres(process.env.DATABASE_URL!, 800, 42, Date.UTC(2026, 11, 2, 1, 0, 0))
    expect(result.tickets).toBe(800)
    const seeded = await countRows()
    expect(seeded.length).toBeGreaterThan(800)

    const tickets = await readRows<CountedTicket>(Prisma.sql`SELECT "createdAt", "category", "status", "firstActionAt", "closedAt", "confirmation" FROM "Ticket"`)
    expect(tickets).toHaveLength(800)
    await db.$executeRaw`DELETE FROM "TicketHourCount"`
    await db.$transaction(
      async (tx) => {
        const sql = prismaSql(tx)
        for (const t of tickets) await countTicketChange(sql, null, t)
      },
      { timeout: 120_000 },
    )
    expect(await countRows()).toEqual(seeded)
  }, 180_000)
})
