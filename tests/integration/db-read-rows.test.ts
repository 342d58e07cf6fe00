import { describe, expect, it } from 'vitest'
import { db, readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { createTicketRow } from '../support/factories'

// readRows runs hot reads through prepared statements on our own connection (SQLite) or a pooled
// connection (PostgreSQL). It must find what $queryRaw finds for the same SQL and parameters, and must
// not read a Prisma transaction's rows before they are committed: on SQLite it waits behind the
// gate, on PostgreSQL it reads what was committed (READ COMMITTED).
const postgres = process.env.RELAIS_TEST_DATABASE === 'postgresql'

describe('readRows', () => {
  it('binds parameters as Prisma does: a date finds the row it was stored for', async () => {
    const createdAt = new Date('2026-09-02T07:45:12.345Z')
    const ticket = await createTicketRow({ createdAt, priority: 2 })
    const query = Prisma.sql`SELECT "id", "reference", "priority", "createdAt" FROM "Ticket"
      WHERE "createdAt" = ${createdAt} AND "priority" >= ${1} AND ${true}`
    const [viaPrisma] = await db.$queryRaw<{ id: number; reference: string; createdAt: Date }[]>(query)
    const rows = await readRows<{ id: number; reference: string; priority: number; createdAt: Date | string }>(query)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: ticket.id, reference: ticket.reference, priority: 2 })
    expect(Number(viaPrisma!.id)).toBe(rows[0]!.id)
    expect(typeof rows[0]!.id).toBe('number')
    expect(new Date(rows[0]!.createdAt).toISOString()).toBe(createdAt.toISOString())
    // The same SQL text again reuses its statement and still binds the new values.
    const none = await readRows(Prisma.sql`SELECT "id", "reference", "priority", "createdAt" FROM "Ticket"
      WHERE "createdAt" = ${new Date('2026-09-02T07:45:12.346Z')} AND "priority" >= ${1} AND ${true}`)
    expect(none).toEqual([])
  })

  it('never reads an open Prisma transaction\'s uncommitted rows', async () => {
    const reference = 'RL-READ-TX01'
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let inserted!: () => void
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve))
    const transaction = db.$transaction(async (tx) => {
      await tx.ticket.create({
        data: {
          reference,
          trackingTokenHash: 'hash-read-tx01',
          message: 'Le site n’est pas disponible',
          fullName: 'Camille Transaction',
          profile: 'ELEVE',
          occurredAt: new Date(),
          category: 'SITE_UNAVAILABLE',
          autoCategory: 'SITE_UNAVAILABLE',
          confidence: 0.9,
          evidence: '[]',
        },
      })
      inserted()
      await held
    })
    await insertedNow
    let seen: unknown[] | null = null
    const read = readRows(Prisma.sql`SELECT "reference" FROM "Ticket" WHERE "reference" = ${reference}`).then((rows) => (seen = rows))
    // SQLite: still waiting for the gate; PostgreSQL: answered, without the uncommitted row.
    await (postgres ? read : new Promise((resolve) => setTimeout(resolve, 50)))
    expect(seen).toEqual(postgres ? [] : null)
    release()
    await transaction
    await read
    if (postgres) seen = await readRows(Prisma.sql`SELECT "reference" FROM "Ticket" WHERE "reference" = ${reference}`)
    expect(seen).toEqual([{ reference }])
  })
})
