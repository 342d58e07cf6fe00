import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { updateIncident, resolveIncident, reopenIncident } from '@/lib/incidents/mutations'
import { getIncident, listIncidents, listPublicIncidents, listQueueIncidents } from '@/lib/incidents/queries'
import { updateTicket } from '@/lib/tickets/mutations'
import { createStaff } from '@/tests/support/factories'
import { fileReport, messages } from '@/tests/support/reports'

// Incidents (issue 13) on a real database: keys, one open incident per key under concurrency,
// publish / resolve / reopen with versions, a report after resolution, a manual category change.

const openIncidents = (key: string) => db.incident.findMany({ where: { key, status: 'OPEN' } })

describe('incidents formed by key', () => {
  it('school-side causes join one incident per key; individual causes join none', async () => {
    const a = await fileReport({ message: messages.SERVER_NOT_PUBLISHED, profile: 'ELEVE' })
    const b = await fileReport({ message: messages.SERVER_NOT_PUBLISHED, profile: 'PROFESSEUR' })
    const parent = await fileReport({ message: messages.ESPACE_ACCESS_DISABLED, profile: 'PARENT' })
    const pupil = await fileReport({ message: 'Vous n’avez pas accès à l’Espace Élèves', profile: 'ELEVE' })
    const hostA = await fileReport({ message: messages.WRONG_ADDRESS, url: 'https://pronote-vieux.exemple.fr/parent.html' })
    const hostB = await fileReport({ message: messages.WRONG_ADDRESS, url: 'pronote-typo.exemple.fr' })
    const pwd = await fileReport({ message: messages.BAD_CREDENTIALS })
    for (const f of [a, b, parent, pupil, hostA, hostB, pwd]) expect(f.status).toBe(201)

    const incidentOf = async (ref: string) => (await db.ticket.findUniqueOrThrow({ where: { reference: ref }, include: { incident: true } })).incident
    expect((await incidentOf(a.reference))?.key).toBe('SERVER_NOT_PUBLISHED')
    expect((await incidentOf(b.reference))?.id).toBe((await incidentOf(a.reference))?.id)
    expect((await incidentOf(parent.reference))?.key).toBe('ESPACE_ACCESS_DISABLED:PARENT')
    expect((await incidentOf(pupil.reference))?.key).toBe('ESPACE_ACCESS_DISABLED:ELEVE')
    expect((await incidentOf(hostA.reference))?.key).toBe('WRONG_ADDRESS:pronote-vieux.exemple.fr')
    expect((await incidentOf(hostB.reference))?.key).toBe('WRONG_ADDRESS:pronote-typo.exemple.fr')
    expect(await incidentOf(pwd.reference)).toBeNull()
    // The 201 says which incident, with no notice yet; an individual report has no incident field.
    expect(b.body.incident).toEqual({ id: (await incidentOf(a.reference))!.id, since: expect.any(String), message: null })
    expect(pwd.body).not.toHaveProperty('incident')
  })

  it('200 concurrent reports with one key create exactly one incident, holding all 200', async () => {
    const filed = await Promise.all(Array.from({ length: 200 }, () => fileReport({ message: messages.SITE_UNAVAILABLE })))
    expect(filed.every((f) => f.status === 201)).toBe(true)
    const open = await openIncidents('SITE_UNAVAILABLE')
    expect(open).toHaveLength(1)
    expect(await db.ticket.count({ where: { incidentId: open[0]!.id } })).toBe(200)
  })

  it('the constraint itself refuses a second open incident with the same key', async () => {
    const [existing] = await openIncidents('SITE_UNAVAILABLE')
    expect(existing).toBeDefined()
    const now = new Date()
    await expect(
      db.incident.create({ data: { key: 'SITE_UNAVAILABLE', category: 'SITE_UNAVAILABLE', firstReportAt: now, lastReportAt: now } }),
    ).rejects.toThrow(/Unique constraint|UNIQUE/)
  })
})

describe('publish, resolve, reopen', () => {
  it('a published notice reaches the public list and the 201 of the next report; stale versions are refused', async () => {
    const agent = await createStaff()
    const first = await fileReport({ message: messages.SERVER_NOT_PUBLISHED, profile: 'ELEVE' })
    const id = (first.body.incident as { id: string }).id
    const v = (await db.incident.findUniqueOrThrow({ where: { id } })).version

    const noMessage = await updateIncident(agent, id, { version: v, published: true })
    expect(noMessage).toMatchObject({ ok: false, code: 'VALIDATION' })
    const published = await updateIncident(agent, id, { version: v, published: true, publicMessage: 'Le serveur sera republié avant 9 h.' })
    expect(published).toEqual({ ok: true, value: { version: v + 1 } })
    expect(await updateIncident(agent, id, { version: v, publicMessage: 'autre' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    const notice = (await listPublicIncidents()).find((i) => i.id === id)
    expect(notice).toEqual({ id, category: 'SERVER_NOT_PUBLISHED', label: expect.any(String), since: expect.any(String), message: 'Le serveur sera republié avant 9 h.' })
    expect(JSON.stringify(await listPublicIncidents())).not.toMatch(/Personne|exemple\.test/)

    const next = await fileReport({ message: messages.SERVER_NOT_PUBLISHED })
    expect(next.body.incident).toEqual({ id, since: notice!.since, message: 'Le serveur sera republié avant 9 h.' })
    const events = await db.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { id: 'asc' } })
    expect(events.map((e) => [e.type, e.actorId, e.version])).toEqual([
      ['OPENED', null, 1],
      ['NOTICE_PUBLISHED', agent.id, v + 1],
    ])
  })

  it('resolve: every open member RESOLVED with the message, each with its events; closed ones untouched; then a new report opens a new incident that says it came back', async () => {
    const agent = await createStaff()
    const teacher = { message: 'Vous n’avez pas accès à l’Espace Professeurs', profile: 'PROFESSEUR' }
    const members = await Promise.all(Array.from({ length: 5 }, () => fileReport(teacher)))
    const id = (members[0]!.body.incident as { id: string }).id
    const rejected = await db.ticket.findUniqueOrThrow({ where: { reference: members[4]!.reference } })
    expect(await updateTicket(agent, rejected.reference, { version: rejected.version, status: 'REJECTED', publicMessage: 'Doublon.' })).toMatchObject({ ok: true })
    const incident = await db.incident.findUniqueOrThrow({ where: { id } })

    expect(await resolveIncident(agent, id, { version: incident.version + 1, message: 'x' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await resolveIncident(agent, id, { version: incident.version, message: '' })).toMatchObject({ ok: false, code: 'VALIDATION' })
    const message = 'L’accès à l’Espace Professeurs est ouvert : vous pouvez vous connecter.'
    expect(await resolveIncident(agent, id, { version: incident.version, message })).toEqual({ ok: true, value: { resolved: 4 } })
    expect(await resolveIncident(agent, id, { version: incident.version + 1, message })).toMatchObject({ ok: false, code: 'CONFLICT', message: 'Cet incident est déjà résolu.' })

    for (const m of members.slice(0, 4)) {
      const t = await db.ticket.findUniqueOrThrow({ where: { reference: m.reference }, include: { events: { orderBy: { id: 'asc' } } } })
      expect(t).toMatchObject({ status: 'RESOLVED', publicMessage: message, closedAt: expect.any(Date) })
      expect(t.events.slice(-2).map((e) => [e.type, e.actorId])).toEqual([['STATUS_CHANGED', agent.id], ['PUBLIC_MESSAGE_CHANGED', agent.id]])
    }
    expect(await db.ticket.findUniqueOrThrow({ where: { reference: rejected.reference } })).toMatchObject({ status: 'REJECTED', publicMessage: 'Doublon.' })
    const resolved = await db.incident.findUniqueOrThrow({ where: { id } })
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedById: agent.id, resolutionMessage: message, version: incident.version + 1 })

    const again = await fileReport(teacher)
    const comeback = await db.incident.findUniqueOrThrow({ where: { id: (again.body.incident as { id: string }).id } })
    expect(comeback.id).not.toBe(id)
    expect(comeback).toMatchObject({ status: 'OPEN', previousIncidentId: id, previousResolvedAt: resolved.resolvedAt })
    const summary = await getIncident(agent, comeback.id)
    expect(summary).toMatchObject({ ok: true, value: { previousResolvedAt: resolved.resolvedAt!.toISOString(), ticketCount: 1, openTicketCount: 1 } })

    // Reopening the old one while the new one is open: refused (merge them instead).
    expect(await reopenIncident(agent, id, { version: resolved.version })).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('reopen brings back the incident and the tickets it resolved', async () => {
    const agent = await createStaff()
    const members = await Promise.all(Array.from({ length: 3 }, () => fileReport({ message: messages.WRONG_ADDRESS, url: 'https://reouvert.exemple.fr' })))
    const id = (members[0]!.body.incident as { id: string }).id
    const v = (await db.incident.findUniqueOrThrow({ where: { id } })).version
    expect(await reopenIncident(agent, id, { version: v })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await resolveIncident(agent, id, { version: v, message: 'Adresse corrigée.' })).toEqual({ ok: true, value: { resolved: 3 } })
    expect(await reopenIncident(agent, id, { version: v + 1 })).toEqual({ ok: true, value: { reopened: 3 } })
    const after = await db.incident.findUniqueOrThrow({ where: { id } })
    expect(after).toMatchObject({ status: 'OPEN', version: v + 2, resolvedAt: null })
    expect(await db.ticket.count({ where: { incidentId: id, status: 'IN_PROGRESS' } })).toBe(3)
    const list = await listIncidents(agent, { status: 'OPEN' })
    expect(list.ok && list.value.items.find((i) => i.id === id)).toMatchObject({ ticketCount: 3, openTicketCount: 3, version: v + 2 })
    const history = await db.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { id: 'asc' } })
    expect(history.map((e) => [e.type, e.actorId, e.version])).toEqual([['OPENED', null, 1], ['RESOLVED', agent.id, v + 1], ['REOPENED', agent.id, v + 2]])
  })
})

describe('the queue’s incident rows', () => {
  it('one row per open incident with its counts, profiles and a 10-minute timeline', async () => {
    const agent = await createStaff()
    const host = 'https://file-attente.exemple.fr'
    const filed = [
      await fileReport({ message: messages.WRONG_ADDRESS, url: host, profile: 'PARENT' }),
      await fileReport({ message: messages.WRONG_ADDRESS, url: host, profile: 'ELEVE' }),
      await fileReport({ message: messages.WRONG_ADDRESS, url: host, profile: 'ELEVE' }),
    ]
    const id = (filed[0]!.body.incident as { id: string }).id
    const row = (await listQueueIncidents(agent)).find((i) => i.id === id)
    expect(row).toMatchObject({ ticketCount: 3, openTicketCount: 3, profiles: ['ELEVE', 'PARENT'], label: expect.stringContaining('file-attente.exemple.fr') })
    expect(row!.timeline.reduce((sum, slot) => sum + slot.count, 0)).toBe(3)
    expect(row!.timeline[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d0:00Z$/)
  })

  it('the timeline covers the two hours up to the last report; the counts cover every member', async () => {
    const agent = await createStaff()
    const host = 'https://chronologie.exemple.fr'
    const filed = [
      await fileReport({ message: messages.WRONG_ADDRESS, url: host }),
      await fileReport({ message: messages.WRONG_ADDRESS, url: host }),
      await fileReport({ message: messages.WRONG_ADDRESS, url: host }),
    ]
    const id = (filed[0]!.body.incident as { id: string }).id
    const first = await db.ticket.findUniqueOrThrow({ where: { reference: filed[0]!.body.reference as string } })
    await db.ticket.update({ where: { id: first.id }, data: { createdAt: new Date(first.createdAt.getTime() - 3 * 3_600_000) } })
    const row = (await listQueueIncidents(agent)).find((i) => i.id === id)
    expect(row).toMatchObject({ ticketCount: 3, openTicketCount: 3 })
    expect(row!.timeline.reduce((sum, slot) => sum + slot.count, 0)).toBe(2)
  })
})
