import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { db, readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { lowerText } from '@/lib/sql-dialect'
import { clearTicketMessages } from '@/lib/mail/erase'
import { anonymiseTickets } from '@/lib/tickets/anonymise'
import { ERASED_TEXT, ticketPersonalFieldNames, type TicketPersonalField } from '@/lib/tickets/personal-fields'
import { personQuerySchema, type PersonQuery } from './schemas'

// A person's right of access and erasure (RGPD art. 15 and 17), exercised by an ADMIN on request:
// every ticket filed with that e-mail, or that login / ENT login, is exported as JSON or anonymised.
// Each affected ticket records an EXPORTED / ERASED event by the admin, holding no personal data.

type PersonalColumns = { [K in TicketPersonalField]: string | null }

export interface PersonalDataExport {
  query: PersonQuery
  exportedAt: string
  tickets: (PersonalColumns & {
    reference: string
    createdAt: string
    updatedAt: string
    status: string
    category: string
    profile: string
    establishment: string | null
    occurredAt: string
    history: { type: string; createdAt: string; note: string | null }[]
  })[]
}

/** Every personal column of a ticket row (the one list in lib/tickets/personal-fields.ts). */
function personalColumns(row: PersonalColumns): PersonalColumns {
  return Object.fromEntries(ticketPersonalFieldNames.map((name) => [name, row[name]])) as PersonalColumns
}

async function matchingTicketIds(query: PersonQuery): Promise<number[]> {
  const value = query.value.toLowerCase()
  // Every letter folded on both providers (lowerText), so "Élodie" finds "élodie". Identifiers
  // quoted: PostgreSQL folds unquoted names to lower case.
  const matches =
    query.kind === 'email'
      ? Prisma.sql`${lowerText(Prisma.sql`"email"`)} = ${value}`
      : Prisma.sql`(${lowerText(Prisma.sql`"login"`)} = ${value} OR ${lowerText(Prisma.sql`"entLogin"`)} = ${value})`
  const rows = await readRows<{ id: number }>(Prisma.sql`SELECT "id" FROM "Ticket" WHERE "anonymizedAt" IS NULL AND ${matches}`)
  return rows.map((r) => Number(r.id))
}

/** The tickets a privacy request names, for an ADMIN only. */
async function requestedTickets(viewer: Viewer, input: unknown): Promise<Result<{ query: PersonQuery; ids: number[] }>> {
  if (viewer.role !== 'ADMIN') return fail('FORBIDDEN')
  const parsed = personQuerySchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  return ok({ query: parsed.data, ids: await matchingTicketIds(parsed.data) })
}

export async function exportPersonalData(viewer: Viewer, input: unknown): Promise<Result<PersonalDataExport>> {
  const request = await requestedTickets(viewer, input)
  if (!request.ok) return request
  const { query, ids } = request.value
  const now = new Date()
  const tickets = await db.$transaction(async (tx) => {
    const rows = await tx.ticket.findMany({
      where: { id: { in: ids } },
      orderBy: { id: 'asc' },
      include: { events: { orderBy: { id: 'asc' }, select: { type: true, createdAt: true, note: true } } },
    })
    await tx.ticketEvent.createMany({ data: ids.map((ticketId) => ({ ticketId, actorId: viewer.id, type: 'EXPORTED' })) })
    return rows
  })
  return ok({
    query,
    exportedAt: now.toISOString(),
    tickets: tickets.map((t) => ({
      reference: t.reference,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      status: t.status,
      category: t.category,
      profile: t.profile,
      establishment: t.establishment,
      occurredAt: t.occurredAt.toISOString(),
      ...personalColumns(t),
      history: t.events.map((e) => ({ type: e.type, createdAt: e.createdAt.toISOString(), note: e.note })),
    })),
  })
}

export async function erasePersonalData(viewer: Viewer, input: unknown): Promise<Result<{ erased: number }>> {
  const request = await requestedTickets(viewer, input)
  if (!request.ok) return request
  const { ids } = request.value
  const now = new Date()
  await db.$transaction(async (tx) => {
    await anonymiseTickets(tx, ids, now)
    // Their messages too: the outbox holds the address and the sealed tracking token.
    await clearTicketMessages(tx, ids)
    await eraseLinkedEntFailures(tx, ids)
    await tx.ticketEvent.createMany({ data: ids.map((ticketId) => ({ ticketId, actorId: viewer.id, type: 'ERASED' })) })
  })
  return ok({ erased: ids.length })
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0]

/** ENT failure records built from these tickets carry the same identity: anonymise them too. */
async function eraseLinkedEntFailures(tx: Tx, ticketIds: number[]): Promise<void> {
  if (ticketIds.length === 0) return
  const linked = await tx.ticket.findMany({
    where: { id: { in: ticketIds }, entFailureId: { not: null } },
    select: { entFailureId: true },
  })
  for (const id of new Set(linked.map((t) => t.entFailureId!))) {
    await tx.entFailure.update({
      where: { id },
      data: { identityKey: `erased:${id}`, fullName: ERASED_TEXT, entLogin: null, entName: null, linkedLogin: null, rejectReason: null },
    })
    await tx.entFailureEvent.updateMany({ where: { entFailureId: id }, data: { note: null, before: null, after: null } })
  }
}
