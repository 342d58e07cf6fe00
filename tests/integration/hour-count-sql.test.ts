import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { durationBins } from '@/lib/tickets/hour-count-sql'
import { countTicketChange, findHourCountDrift, rebuildHourCounts, type CountedTicket } from '@/lib/tickets/hour-counts'
import { createTicketRow } from '@/tests/support/factories'

// The dashboard aggregates computed in SQL (the repair, its check, the bench's bulk load) equal the
// ones the write path keeps in JavaScript, on whichever provider runs the suite (issue 18): the Paris
// day across the daylight-saving changes of several years and at Paris midnight, and every duration
// bin at both sides of its bound. Equal to JavaScript on each provider, so equal to each other.

/** Creation instants (UTC): both changes of 2024 to 2027 at 01:00 UTC, and Paris midnights. */
const instants = [
  '2024-03-31T00:59:59.999Z', '2024-03-31T01:00:00.000Z', '2024-10-27T00:59:59.999Z', '2024-10-27T01:00:00.000Z',
  '2025-03-30T00:59:59.999Z', '2025-03-30T01:00:00.000Z', '2025-10-26T00:59:59.999Z', '2025-10-26T01:00:00.000Z',
  '2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z', '2026-03-29T22:00:00.000Z',
  '2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z',
  '2027-03-28T00:59:59.999Z', '2027-03-28T01:00:00.000Z', '2027-10-31T00:59:59.999Z', '2027-10-31T01:00:00.000Z',
  '2026-12-31T22:59:59.999Z', '2026-12-31T23:00:00.000Z', '2026-06-30T21:59:59.999Z', '2026-06-30T22:00:00.000Z',
].map((at) => new Date(at))

/** Durations (ms): zero, and one millisecond either side of every bin's bound. */
const durations = [0, ...durationBins.flatMap((minutes) => [minutes * 60_000 - 1, minutes * 60_000])]

const confirmations = ['WORKS', 'STILL_BLOCKED', null] as const

describe('the aggregates computed in SQL', () => {
  it('equal the write path\'s across daylight-saving changes, Paris midnights and every bin bound', async () => {
    const tickets: CountedTicket[] = []
    for (const [i, elapsed] of durations.entries()) {
      const createdAt = instants[i % instants.length]!
      const resolved = i % 4 !== 3
      tickets.push(
        await createTicketRow({
          createdAt,
          category: i % 2 ? 'SITE_UNAVAILABLE' : 'BAD_CREDENTIALS',
          status: resolved ? 'RESOLVED' : 'IN_PROGRESS',
          // First action at, before or (none) the closing: RESOLVED_WITHOUT_ACTION either way.
          firstActionAt: i % 5 === 4 ? null : new Date(createdAt.getTime() + (i % 3 === 0 ? elapsed : Math.floor(elapsed / 2))),
          closedAt: new Date(createdAt.getTime() + elapsed),
          confirmation: confirmations[i % 3]!,
        }),
      )
    }

    await db.$transaction(async (tx) => {
      const sql = prismaSql(tx)
      await sql.run(Prisma.sql`DELETE FROM "TicketHourCount"`)
      for (const t of tickets) await countTicketChange(sql, null, t)
    })
    expect(await db.$transaction((tx) => findHourCountDrift(prismaSql(tx)))).toEqual([])

    // The rebuild writes the same rows: emptied and rebuilt by SQL, nothing differs either.
    const kept = await db.ticketHourCount.findMany({ orderBy: [{ measure: 'asc' }, { bucket: 'asc' }, { category: 'asc' }, { bin: 'asc' }] })
    await db.$transaction((tx) => rebuildHourCounts(prismaSql(tx)))
    const rebuilt = await db.ticketHourCount.findMany({ orderBy: [{ measure: 'asc' }, { bucket: 'asc' }, { category: 'asc' }, { bin: 'asc' }] })
    expect(rebuilt).toEqual(kept)
    expect(new Set(kept.map((r) => r.measure))).toEqual(new Set(['REPORTS', 'FIRST_ACTION', 'RESOLUTION', 'RESOLVED_WITHOUT_ACTION', 'CONFIRMED']))
  })
})
