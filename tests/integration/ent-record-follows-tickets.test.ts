import { describe, expect, it } from 'vitest'
import { POST } from '@/pages/api/reports'
import { db } from '@/lib/db'
import { OTHER_REPORTER_PUBLIC_MESSAGE, LINKED_PUBLIC_MESSAGE, rejectEntFailure } from '@/lib/ent-failures/mutations'
import { getEntFailure, listEntFailures } from '@/lib/ent-failures/queries'
import { decideEntFailure, patchTicket } from '@/tests/support/admin-api'
import { handleBulkForm } from '@/lib/tickets/form-handlers'
import { getTrackedReport } from '@/lib/reports/queries'
import { createStaff } from '@/tests/support/factories'

// An ENT record and its tickets do not drift apart (closing every ticket by hand takes the record off
// the to-do list), and a record cannot be claimed by someone who only knows the pupil's ENT identity.

const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire à envoyer.'
const origin = 'http://relais.test'

async function report(fields: Record<string, string>) {
  const res = await POST(new Request(`${origin}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: entMessage, profile: 'ELEVE', entName: 'Toutatice', ...fields }) }))
  expect(res.status).toBe(201)
  const body = (await res.json()) as { reference: string; trackingUrl: string }
  const token = new URL(body.trackingUrl).searchParams.get('t') ?? new URL(body.trackingUrl).pathname.split('/').pop()
  const ticket = await db.ticket.findUniqueOrThrow({ where: { reference: body.reference } })
  return { ticket, token: token!, reference: body.reference }
}


describe('an ENT record follows its tickets closed by hand', () => {
  it('leaves "À traiter" once every ticket is closed (single, then bulk), says why, and a new report reopens it', async () => {
    const agent = await createStaff()
    const a = await report({ fullName: 'Inès Follow', entLogin: 'ines.follow' })
    const b = await report({ fullName: 'Ines FOLLOW', entLogin: 'INES.FOLLOW' })
    const failureId = a.ticket.entFailureId!
    expect(b.ticket.entFailureId).toBe(failureId)

    expect((await patchTicket(agent, a.reference, { version: a.ticket.version, status: 'RESOLVED' })).status).toBe(200)
    expect(await db.entFailure.findUniqueOrThrow({ where: { id: failureId } })).toMatchObject({ status: 'OPEN' })

    const form = new FormData()
    form.set('action', 'status')
    form.set('status', 'RESOLVED')
    form.append('items', `${b.reference}:${b.ticket.version}`)
    expect(await handleBulkForm(agent, form)).toMatchObject({ status: 'done', applied: 1 })

    const record = await db.entFailure.findUniqueOrThrow({ where: { id: failureId }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(record.status).toBe('CLOSED')
    expect(record.events.at(-1)).toMatchObject({ type: 'CLOSED', note: expect.stringContaining('clos à la main') })
    const open = await listEntFailures(agent, { status: 'OPEN' })
    expect(open.ok && open.value.items.map((i) => i.id)).not.toContain(failureId)
    const closed = await listEntFailures(agent, { status: 'CLOSED' })
    expect(closed.ok && closed.value.items.map((i) => i.id)).toContain(failureId)

    await report({ fullName: 'Inès Follow', entLogin: 'ines.follow' })
    const reopened = await db.entFailure.findUniqueOrThrow({ where: { id: failureId }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(reopened.status).toBe('OPEN')
    expect(reopened.events.at(-1)).toMatchObject({ type: 'REOPENED' })
  })
})

describe('an ENT record cannot be claimed with the identity alone', () => {
  it('sends the decision only to the first reporter, flags the other person, and lets only the first reporter reopen it', async () => {
    const agent = await createStaff()
    await db.directoryAccount.create({ data: { login: 'lmartin', firstName: 'Léa', lastName: 'Martin', profile: 'ELEVE', searchName: 'lea martin' } })
    const first = await report({ fullName: 'Léa Martin', email: 'lea.martin@exemple.fr', entLogin: 'lea.martin' })
    const other = await report({ fullName: 'Quelqu’un Dautre', email: 'autre@exemple.fr', entLogin: 'lea.martin' })
    const failureId = first.ticket.entFailureId!
    expect(other.ticket.entFailureId).toBe(failureId)
    const flagged = await db.entFailure.findUniqueOrThrow({ where: { id: failureId }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(flagged).toMatchObject({ reportCount: 2, otherReportCount: 1 })
    expect(flagged.events.at(-1)).toMatchObject({ type: 'REPORT_ADDED', note: expect.stringContaining('usurpation') })

    const detail = await getEntFailure(agent, failureId)
    expect(detail).toMatchObject({ ok: true, value: { otherReportCount: 1, recipients: { people: 1, reports: 1 } } })
    expect(detail.ok && detail.value.tickets.map((t) => t.otherReporter)).toEqual([false, true])

    const linked = await decideEntFailure(agent, failureId, { login: 'lmartin' }, 'link')
    expect(linked.status).toBe(200)
    const firstPage = await getTrackedReport(first.reference, first.token)
    const otherPage = await getTrackedReport(other.reference, other.token)
    expect(firstPage).toMatchObject({ ok: true, value: { publicMessage: LINKED_PUBLIC_MESSAGE } })
    expect(otherPage).toMatchObject({ ok: true, value: { publicMessage: OTHER_REPORTER_PUBLIC_MESSAGE } })

    // The other person reports again: the decided record stays decided, the report is counted apart.
    const again = await report({ fullName: 'Quelqu’un Dautre', email: 'autre@exemple.fr', entLogin: 'lea.martin' })
    expect(await db.entFailure.findUniqueOrThrow({ where: { id: failureId } })).toMatchObject({ status: 'LINKED', otherReportCount: 2, reportCount: 3 })
    expect(again.ticket).toMatchObject({ status: 'NEW', publicMessage: null })

    // The first reporter (same name and e-mail, written differently) is still blocked: that reopens it.
    await report({ fullName: 'LEA  MARTIN', email: 'Lea.Martin@Exemple.fr', entLogin: 'lea.martin' })
    expect(await db.entFailure.findUniqueOrThrow({ where: { id: failureId } })).toMatchObject({ status: 'OPEN', otherReportCount: 2, reportCount: 4 })
  })

  it('a rejection reason also reaches only the first reporter', async () => {
    const agent = await createStaff()
    const first = await report({ fullName: 'Noé Rejet', email: 'noe@exemple.fr', entLogin: 'noe.rejet' })
    const other = await report({ fullName: 'Noé Rejet', email: 'pas-noe@exemple.fr', entLogin: 'noe.rejet' })
    const reason = 'Aucun élève de ce nom dans PRONOTE : passez au secrétariat avec votre carnet de correspondance.'
    expect(await rejectEntFailure(agent, first.ticket.entFailureId!, { reason })).toMatchObject({ ok: true })
    expect(await getTrackedReport(first.reference, first.token)).toMatchObject({ ok: true, value: { publicMessage: reason } })
    expect(await getTrackedReport(other.reference, other.token)).toMatchObject({ ok: true, value: { publicMessage: OTHER_REPORTER_PUBLIC_MESSAGE } })
  })
})
