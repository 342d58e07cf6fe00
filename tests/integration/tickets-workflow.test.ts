import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { bulkUpdateTickets, updateTicket } from '@/lib/tickets/mutations'
import { createStaff, createTicketRow } from '../support/factories'

async function eventsOf(ticketId: number) {
  return db.ticketEvent.findMany({ where: { ticketId }, orderBy: { id: 'asc' } })
}

describe('updateTicket', () => {
  it('changes the status with a public message, sets closedAt, bumps the version and records history', async () => {
    const agent = await createStaff()
    const t = await createTicketRow()
    const result = await updateTicket(agent, t.reference, { version: 1, status: 'RESOLVED', publicMessage: 'Votre accès est rétabli.' })
    expect(result).toEqual({ ok: true, value: { reference: t.reference, version: 2 } })
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } })
    expect(row).toMatchObject({ status: 'RESOLVED', version: 2, publicMessage: 'Votre accès est rétabli.' })
    expect(row.closedAt).toBeInstanceOf(Date)
    const events = await eventsOf(t.id)
    expect(events.map((e) => [e.type, e.actorId, e.before && JSON.parse(e.before), e.after && JSON.parse(e.after)])).toEqual([
      ['STATUS_CHANGED', agent.id, { status: 'NEW' }, { status: 'RESOLVED' }],
      ['PUBLIC_MESSAGE_CHANGED', agent.id, { publicMessage: null }, { publicMessage: 'Votre accès est rétabli.' }],
    ])
  })

  it('reopens a closed ticket (clearing closedAt) but refuses RESOLVED → REJECTED', async () => {
    const agent = await createStaff()
    const t = await createTicketRow({ status: 'RESOLVED', closedAt: new Date() })
    const refused = await updateTicket(agent, t.reference, { version: 1, status: 'REJECTED' })
    expect(refused).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { status: [expect.stringContaining('Résolu')] } })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: 'RESOLVED', version: 1 })
    expect(await eventsOf(t.id)).toHaveLength(0)
    const reopened = await updateTicket(agent, t.reference, { version: 1, status: 'IN_PROGRESS' })
    expect(reopened.ok).toBe(true)
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: 'IN_PROGRESS', closedAt: null })
  })

  it('assigns to an active staff account, refuses a disabled or unknown one, and unassigns with null', async () => {
    const agent = await createStaff()
    const colleague = await createStaff({ name: 'Dominique' })
    const disabled = await createStaff({ disabled: true })
    const t = await createTicketRow()
    for (const id of [disabled.id, 'nope']) {
      expect(await updateTicket(agent, t.reference, { version: 1, assigneeId: id })).toMatchObject({
        ok: false,
        code: 'VALIDATION',
        fieldErrors: { assigneeId: [expect.any(String)] },
      })
    }
    const assigned = await updateTicket(agent, t.reference, { version: 1, assigneeId: colleague.id })
    expect(assigned).toMatchObject({ ok: true, value: { version: 2 } })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ assigneeId: colleague.id })
    const unassigned = await updateTicket(agent, t.reference, { version: 2, assigneeId: null })
    expect(unassigned).toMatchObject({ ok: true, value: { version: 3 } })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ assigneeId: null })
    const events = await eventsOf(t.id)
    expect(events.map((e) => [e.type, JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
      ['ASSIGNED', { assignee: null }, { assignee: { id: colleague.id, name: 'Dominique' } }],
      ['ASSIGNED', { assignee: { id: colleague.id, name: 'Dominique' } }, { assignee: null }],
    ])
  })

  it('a manual category change keeps the automatic diagnosis', async () => {
    const agent = await createStaff()
    const t = await createTicketRow({ category: 'UNKNOWN', autoCategory: 'UNKNOWN' })
    const result = await updateTicket(agent, t.reference, { version: 1, category: 'WRONG_ADDRESS' })
    expect(result).toEqual({ ok: true, value: { reference: t.reference, version: 2 } })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ category: 'WRONG_ADDRESS', autoCategory: 'UNKNOWN' })
    const [event] = await eventsOf(t.id)
    expect(event).toMatchObject({ type: 'CATEGORY_CHANGED', before: '{"category":"UNKNOWN"}', after: '{"category":"WRONG_ADDRESS"}' })
  })

  it('adds an internal note as an event', async () => {
    const agent = await createStaff()
    const t = await createTicketRow()
    await updateTicket(agent, t.reference, { version: 1, note: '  Appelé la famille, rappel demain.  ' })
    const [event] = await eventsOf(t.id)
    expect(event).toMatchObject({ type: 'NOTE_ADDED', note: 'Appelé la famille, rappel demain.', actorId: agent.id })
  })

  it('two updates from the same version: exactly one wins, the other is a CONFLICT and nothing is lost silently', async () => {
    const a = await createStaff()
    const b = await createStaff()
    const t = await createTicketRow()
    const results = await Promise.all([
      updateTicket(a, t.reference, { version: 1, status: 'IN_PROGRESS' }),
      updateTicket(b, t.reference, { version: 1, status: 'REJECTED', note: 'doublon' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ ok: false, code: 'CONFLICT' })])
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } })
    expect(row.version).toBe(2)
    const winner = results[0].ok ? 'IN_PROGRESS' : 'REJECTED'
    expect(row.status).toBe(winner)
    // Only the winner's events exist.
    const events = await eventsOf(t.id)
    expect(events.every((e) => e.actorId === (results[0].ok ? a.id : b.id))).toBe(true)
    // A later update based on the stale version is still refused.
    expect(await updateTicket(a, t.reference, { version: 1, note: 'encore' })).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('refuses invalid input and unknown tickets', async () => {
    const agent = await createStaff()
    const t = await createTicketRow()
    expect(await updateTicket(agent, t.reference, { version: 1 })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(await updateTicket(agent, t.reference, { status: 'RESOLVED' })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fieldErrors: { version: [expect.any(String)] },
    })
    expect(await updateTicket(agent, t.reference, { version: 1, status: 'DONE', extra: 1 })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(await updateTicket(agent, 'RL-NOPE', { version: 1, note: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ version: 1, status: 'NEW' })
  })

  it('an update that changes nothing keeps the version and records no event', async () => {
    const agent = await createStaff()
    const t = await createTicketRow()
    const result = await updateTicket(agent, t.reference, { version: 1, status: 'NEW', publicMessage: '' })
    expect(result).toMatchObject({ ok: true, value: { version: 1 } })
    expect(await eventsOf(t.id)).toHaveLength(0)
  })
})

describe('bulkUpdateTickets', () => {
  it('applies per ticket with the displayed version and reports applied and conflicted', async () => {
    const agent = await createStaff()
    const [a, b, c] = [await createTicketRow(), await createTicketRow(), await createTicketRow({ status: 'RESOLVED' })]
    await updateTicket(agent, b.reference, { version: 1, note: 'changé entre-temps' }) // b is now version 2
    const result = await bulkUpdateTickets(agent, {
      action: 'status',
      status: 'REJECTED',
      items: [`${a.reference}:1`, `${b.reference}:1`, `${c.reference}:1`, 'RL-NONE:1'],
    })
    expect(result).toMatchObject({ ok: true, value: { applied: 1, conflicted: 1 } })
    if (result.ok) expect(result.value.failed.map((f) => [f.reference, f.code])).toEqual([
      [c.reference, 'VALIDATION'],
      ['RL-NONE', 'NOT_FOUND'],
    ])
    expect((await db.ticket.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('REJECTED')
    expect((await db.ticket.findUniqueOrThrow({ where: { id: b.id } })).status).toBe('NEW')
  })

  it('assigns and recategorises a selection; refuses an empty selection', async () => {
    const agent = await createStaff()
    const [a, b] = [await createTicketRow(), await createTicketRow()]
    expect(await bulkUpdateTickets(agent, { action: 'assign', assigneeId: agent.id, items: [`${a.reference}:1`, `${b.reference}:1`] })).toMatchObject({
      ok: true,
      value: { applied: 2, conflicted: 0 },
    })
    expect(await bulkUpdateTickets(agent, { action: 'category', category: 'SITE_UNAVAILABLE', items: [`${a.reference}:2`] })).toMatchObject({
      ok: true,
      value: { applied: 1 },
    })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ assigneeId: agent.id, category: 'SITE_UNAVAILABLE', autoCategory: 'BAD_CREDENTIALS' })
    expect(await bulkUpdateTickets(agent, { action: 'assign', assigneeId: '', items: [] })).toMatchObject({ ok: false, code: 'VALIDATION' })
  })
})
