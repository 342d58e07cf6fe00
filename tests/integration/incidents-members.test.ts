import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { detachTicket, mergeIncidents } from '@/lib/incidents/membership'
import { resolveIncident } from '@/lib/incidents/mutations'
import { confirmReport } from '@/lib/reports/confirmation'
import { updateTicket } from '@/lib/tickets/mutations'
import { createStaff } from '@/tests/support/factories'
import { fileReport, messages } from '@/tests/support/reports'

// Who belongs to an incident: reports arriving while it is resolved, the person's answer after the
// resolution, a manual category change, detach and merge (issue 13).

const incidentIdOf = (f: { body: Record<string, unknown> }) => (f.body.incident as { id: string }).id

describe('a resolve racing with arriving reports', () => {
  it('loses no ticket: each is resolved with the message, or in the next open incident', async () => {
    const agent = await createStaff()
    const first = await fileReport({ message: messages.SERVER_NOT_PUBLISHED })
    const id = incidentIdOf(first)
    const before = await Promise.all(Array.from({ length: 20 }, () => fileReport({ message: messages.SERVER_NOT_PUBLISHED })))
    const { version } = await db.incident.findUniqueOrThrow({ where: { id } })
    const message = 'Le serveur est republié.'
    // The resolve starts while 100 reports are on their way, some queued before it, some after.
    const arriving = Array.from({ length: 100 }, (_, i) =>
      new Promise((r) => setTimeout(r, i % 10)).then(() => fileReport({ message: messages.SERVER_NOT_PUBLISHED })),
    )
    const resolving = new Promise((r) => setTimeout(r, 3)).then(() => resolveIncident(agent, id, { version, message }))
    const [during, resolved] = await Promise.all([Promise.all(arriving), resolving])
    const after = await fileReport({ message: messages.SERVER_NOT_PUBLISHED })
    const filed = [first, ...before, ...during, after]
    expect(filed.every((f) => f.status === 201)).toBe(true)
    expect(resolved.ok).toBe(true)

    const tickets = await db.ticket.findMany({ where: { reference: { in: filed.map((f) => f.reference) } }, include: { incident: true } })
    expect(tickets).toHaveLength(122)
    const inResolved = tickets.filter((t) => t.incidentId === id)
    const inNext = tickets.filter((t) => t.incidentId !== id)
    for (const t of inResolved) expect(t).toMatchObject({ status: 'RESOLVED', publicMessage: message })
    for (const t of inNext) expect(t).toMatchObject({ status: 'NEW', incident: { status: 'OPEN', key: 'SERVER_NOT_PUBLISHED', previousIncidentId: id } })
    expect(resolved.ok && resolved.value.resolved).toBe(inResolved.length)
    expect(new Set(inNext.map((t) => t.incidentId)).size).toBe(1)
    expect(inResolved.length).toBeGreaterThanOrEqual(21)
  })
})

describe('the person’s confirmation after resolution', () => {
  it('"Oui" verifies, "Non" reopens as an individual ticket; the incident counts both; wrong token 404, not resolved 409', async () => {
    const agent = await createStaff()
    const [yes, no, early] = await Promise.all([1, 2, 3].map(() => fileReport({ message: messages.WRONG_ADDRESS, url: 'https://confirm.exemple.fr' })))
    const id = incidentIdOf(yes!)
    expect(await confirmReport(early!.reference, early!.token, { works: true })).toMatchObject({ ok: false, code: 'CONFLICT' })
    const { version } = await db.incident.findUniqueOrThrow({ where: { id } })
    expect(await resolveIncident(agent, id, { version, message: 'Adresse corrigée sur le site.' })).toMatchObject({ ok: true })

    expect(await confirmReport(yes!.reference, 'x'.repeat(43), { works: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await confirmReport('RL-0000-0000', yes!.token, { works: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await confirmReport(yes!.reference, yes!.token, { works: 'peut-être' })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(await confirmReport(yes!.reference, yes!.token, { works: true })).toEqual({ ok: true, value: { status: 'RESOLVED', verified: true } })
    expect(await confirmReport(yes!.reference, yes!.token, { works: true })).toEqual({ ok: true, value: { status: 'RESOLVED', verified: true } })
    expect(await confirmReport(no!.reference, no!.token, { works: false, comment: 'Toujours la même page.' })).toEqual({
      ok: true,
      value: { status: 'NEW', verified: false },
    })
    expect(await confirmReport(no!.reference, no!.token, { works: false })).toMatchObject({ ok: false, code: 'CONFLICT' })

    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ confirmedCount: 1, stillBlockedCount: 1 })
    expect(await db.ticket.findUniqueOrThrow({ where: { reference: yes!.reference } })).toMatchObject({ status: 'RESOLVED', confirmation: 'WORKS', incidentId: id })
    const reopened = await db.ticket.findUniqueOrThrow({ where: { reference: no!.reference }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(reopened).toMatchObject({ status: 'NEW', confirmation: 'STILL_BLOCKED', incidentId: null, closedAt: null })
    expect(reopened.events.map((e) => [e.type, e.note])).toEqual(
      expect.arrayContaining([
        ['CONFIRMED', 'Commentaire : Toujours la même page.'],
        ['STATUS_CHANGED', 'Toujours bloqué après résolution.'],
      ]),
    )
  })
})

describe('membership by staff', () => {
  it('a manual category change moves the ticket out of its incident and into the new one', async () => {
    const agent = await createStaff()
    const a = await fileReport({ message: messages.SITE_UNAVAILABLE, profile: 'ELEVE' })
    const from = incidentIdOf(a)
    const ticket = await db.ticket.findUniqueOrThrow({ where: { reference: a.reference } })
    expect(await updateTicket(agent, a.reference, { version: ticket.version, category: 'ESPACE_ACCESS_DISABLED' })).toEqual({
      ok: true,
      value: { reference: a.reference, version: ticket.version + 1 },
    })
    const moved = await db.ticket.findUniqueOrThrow({ where: { reference: a.reference }, include: { incident: true, events: true } })
    expect(moved.incident).toMatchObject({ key: 'ESPACE_ACCESS_DISABLED:ELEVE', status: 'OPEN' })
    expect(moved.version).toBe(ticket.version + 1)
    expect(moved.events.find((e) => e.type === 'INCIDENT_CHANGED')).toMatchObject({ actorId: agent.id, before: JSON.stringify({ incidentId: from }) })

    // To an individual cause: out of any incident.
    expect(await updateTicket(agent, a.reference, { version: moved.version, category: 'BAD_CREDENTIALS' })).toMatchObject({ ok: true })
    expect((await db.ticket.findUniqueOrThrow({ where: { reference: a.reference } })).incidentId).toBeNull()
  })

  it('detach takes one ticket out; merge moves every ticket of one incident into another', async () => {
    const agent = await createStaff()
    const typo = await Promise.all([1, 2].map(() => fileReport({ message: messages.WRONG_ADDRESS, url: 'https://pronote-lyce.exemple.fr' })))
    const right = await Promise.all([1, 2, 3].map(() => fileReport({ message: messages.WRONG_ADDRESS, url: 'https://pronote-lycee.exemple.fr' })))
    const [from, into] = [incidentIdOf(typo[0]!), incidentIdOf(right[0]!)]
    const version = async (id: string) => (await db.incident.findUniqueOrThrow({ where: { id } })).version

    expect(await detachTicket(agent, into, { version: await version(into), reference: typo[0]!.reference })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(await detachTicket(agent, into, { version: await version(into), reference: right[2]!.reference })).toMatchObject({ ok: true })
    expect((await db.ticket.findUniqueOrThrow({ where: { reference: right[2]!.reference } })).incidentId).toBeNull()

    expect(await mergeIncidents(agent, into, { version: (await version(into)) - 1, from, fromVersion: await version(from) })).toMatchObject({ ok: false, code: 'CONFLICT' })
    const merged = await mergeIncidents(agent, into, { version: await version(into), from, fromVersion: await version(from) })
    expect(merged).toMatchObject({ ok: true, value: { moved: 2 } })
    expect(await db.ticket.count({ where: { incidentId: into } })).toBe(4)
    expect(await db.incident.findUniqueOrThrow({ where: { id: from } })).toMatchObject({ status: 'MERGED' })
    // The merged key is free again: a new report with it opens a new incident.
    const later = await fileReport({ message: messages.WRONG_ADDRESS, url: 'https://pronote-lyce.exemple.fr' })
    expect(incidentIdOf(later)).not.toBe(from)
    const events = await db.incidentEvent.findMany({ where: { incidentId: into }, orderBy: { id: 'asc' } })
    expect(events.map((e) => [e.type, e.actorId])).toEqual([['OPENED', null], ['TICKET_DETACHED', agent.id], ['MERGED_FROM', agent.id]])
  })
})
