import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { syncTicketEntFailure } from '@/lib/ent-failures/follow'
import { followTicketStatuses } from '@/lib/ent-failures/ticket-status'
import { createReport } from '@/lib/reports/mutations'
import { updateTicket } from '@/lib/tickets/mutations'
import { createStaff, createTicketRow } from '@/tests/support/factories'

// The ENT failure records follow the ticket lifecycle owned by other domains: report creation
// and category changes call the grouping inside their own transaction.

const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire à envoyer.'

describe('ENT failure records follow reports and category changes', () => {
  it('attaches ENT reports as they are filed, joins repeats, and follows category changes', async () => {
    const first = await createReport({ message: entMessage, fullName: 'Gaël Noël', profile: 'ELEVE', entName: 'Toutatice', entLogin: 'gael.noel' })
    expect(first).toMatchObject({ ok: true, value: { category: 'ENT_IDENTITY_MISMATCH' } })
    const repeat = await createReport({ message: entMessage, fullName: 'Gael NOEL', profile: 'ELEVE', entName: 'toutatice', entLogin: 'GAEL.NOEL' })
    expect(repeat.ok).toBe(true)
    const other = await createReport({ message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: 'Autre Personne', profile: 'PARENT' })
    expect(other).toMatchObject({ ok: true, value: { category: 'BAD_CREDENTIALS' } })

    const failures = await db.entFailure.findMany({ include: { tickets: true } })
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({ identityKey: 'ent:toutatice|gael.noel', reportCount: 2, status: 'OPEN' })

    // An agent moves the credentials ticket to ENT_IDENTITY_MISMATCH: it gets its own (weak-key) record…
    const agent = await createStaff()
    const otherTicket = await db.ticket.findUniqueOrThrow({ where: { reference: other.ok ? other.value.reference : '' } })
    expect(await updateTicket(agent, otherTicket.reference, { version: otherTicket.version, category: 'ENT_IDENTITY_MISMATCH' })).toMatchObject({ ok: true })
    const moved = await db.ticket.findUniqueOrThrow({ where: { id: otherTicket.id }, include: { entFailure: true } })
    expect(moved.entFailure).toMatchObject({ weakKey: true, reportCount: 1, fullName: 'Autre Personne' })

    // …and an ENT ticket moved away leaves its record, whose count drops.
    const repeatTicket = await db.ticket.findUniqueOrThrow({ where: { reference: repeat.ok ? repeat.value.reference : '' } })
    expect(await updateTicket(agent, repeatTicket.reference, { version: repeatTicket.version, category: 'UNKNOWN' })).toMatchObject({ ok: true })
    const record = await db.entFailure.findUniqueOrThrow({ where: { identityKey: 'ent:toutatice|gael.noel' }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(record.reportCount).toBe(1)
    expect(record.events.map((e) => e.type)).toEqual(['CREATED', 'REPORT_ADDED', 'REPORT_REMOVED'])
    expect((await db.ticket.findUniqueOrThrow({ where: { id: repeatTicket.id } })).entFailureId).toBeNull()
  })
})

describe('ENT failure records under concurrent transactions', () => {
  it('makes one record when two transactions attach the same new identity at once', async () => {
    // On PostgreSQL transactions run side by side: the second does not see the first's record yet,
    // and its INSERT waits on the first's key, then must join that record instead of failing.
    const ent = { category: 'ENT_IDENTITY_MISMATCH', autoCategory: 'ENT_IDENTITY_MISMATCH', entName: 'Toutatice', entLogin: 'ines.simultanee', profile: 'ELEVE' }
    const first = await createTicketRow({ ...ent, fullName: 'Inès Simultanée' })
    const second = await createTicketRow({ ...ent, fullName: 'Ines SIMULTANEE' })
    let attached!: () => void
    const firstAttached = new Promise<void>((resolve) => (attached = resolve))
    const one = db.$transaction(async (tx) => {
      const id = await syncTicketEntFailure(prismaSql(tx), first.id)
      attached()
      await new Promise((resolve) => setTimeout(resolve, 300)) // the second is waiting on our key meanwhile
      return id
    })
    await firstAttached
    const other = db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), second.id))
    const ids = await Promise.all([one, other])

    expect(ids[1]).toBe(ids[0])
    const record = await db.entFailure.findUniqueOrThrow({ where: { identityKey: 'ent:toutatice|ines.simultanee' }, include: { tickets: true, events: true } })
    expect(record.reportCount).toBe(2)
    expect(record.tickets.map((t) => t.id).sort()).toEqual([first.id, second.id].sort())
    expect(record.events.map((e) => e.type).sort()).toEqual(['CREATED', 'REPORT_ADDED'])
  })
})

describe('a decided ENT record under concurrent reports', () => {
  it('is reopened once when its first reporter reports twice at once', async () => {
    const ent = { category: 'ENT_IDENTITY_MISMATCH', autoCategory: 'ENT_IDENTITY_MISMATCH', entName: 'Toutatice', entLogin: 'remi.rouvert', profile: 'ELEVE' }
    const person = { fullName: 'Rémi Rouvert', email: 'remi.rouvert@exemple.test' }
    const first = await createTicketRow({ ...ent, ...person })
    const recordId = (await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), first.id)))!
    await db.entFailure.update({ where: { id: recordId }, data: { status: 'REJECTED', rejectReason: 'Compte introuvable', decidedAt: new Date() } })
    const again = await createTicketRow({ ...ent, ...person })
    const andAgain = await createTicketRow({ ...ent, ...person })

    // The second transaction reads the record while it is still REJECTED, then waits on its row.
    let joined!: () => void
    const firstJoined = new Promise<void>((resolve) => (joined = resolve))
    const one = db.$transaction(async (tx) => {
      await syncTicketEntFailure(prismaSql(tx), again.id)
      joined()
      await new Promise((resolve) => setTimeout(resolve, 300))
    })
    await firstJoined
    await Promise.all([one, db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), andAgain.id))])

    const record = await db.entFailure.findUniqueOrThrow({ where: { id: recordId }, include: { events: true } })
    expect(record).toMatchObject({ status: 'OPEN', reportCount: 3, rejectReason: null })
    expect(record.events.filter((e) => e.type === 'REOPENED')).toHaveLength(1)
  })
})

describe('an ENT record whose tickets are closed at once', () => {
  it('is closed when two transactions close its last two tickets side by side', async () => {
    const ent = { category: 'ENT_IDENTITY_MISMATCH', autoCategory: 'ENT_IDENTITY_MISMATCH', entName: 'Toutatice', entLogin: 'clo.ture', profile: 'ELEVE' }
    const tickets = [await createTicketRow({ ...ent, fullName: 'Clo Ture' }), await createTicketRow({ ...ent, fullName: 'Clo Ture' })]
    let recordId = ''
    for (const t of tickets) recordId = (await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), t.id)))!

    // Each closes its ticket, then counts the record's open tickets while the other's close is not
    // committed yet: the count must wait for it, or neither sees the record's tickets all closed.
    const close = (ticketId: number, hold: () => Promise<void>) =>
      db.$transaction(async (tx) => {
        await tx.ticket.update({ where: { id: ticketId }, data: { status: 'RESOLVED' } })
        await hold()
        await followTicketStatuses(prismaSql(tx), recordId)
        await new Promise((resolve) => setTimeout(resolve, 300))
      })
    let closed!: () => void
    const firstClosed = new Promise<void>((resolve) => (closed = resolve))
    await Promise.all([close(tickets[0]!.id, async () => closed()), close(tickets[1]!.id, () => firstClosed)])

    expect(await db.entFailure.findUniqueOrThrow({ where: { id: recordId } })).toMatchObject({ status: 'CLOSED' })
  })
})
