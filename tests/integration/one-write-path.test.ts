import { describe, expect, it } from 'vitest'
import { submitReportAction } from '@/app/actions'
import { POST } from '@/pages/api/reports'
import { db } from '@/lib/db'
import { emptyReportValues } from '@/lib/reports/form'
import { decideEntFailure, patchTicket } from '@/tests/support/admin-api'
import { countTicketFacets } from '@/lib/tickets/facets'
import { createStaff } from '@/tests/support/factories'

// One write path per record: whichever public entry point a change comes through (the report form's
// action, the JSON API, a category change, an ENT decision), lib/tickets writes the same rows.

const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire à envoyer.'
const origin = 'http://relais.test'

async function viaApi(fields: Record<string, string>): Promise<string> {
  const res = await POST(new Request(`${origin}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }))
  expect(res.status).toBe(201)
  return ((await res.json()) as { reference: string }).reference
}

async function viaForm(fields: Record<string, string>): Promise<string> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  try {
    await submitReportAction({ status: 'editing', values: emptyReportValues(), fieldErrors: {} }, form)
  } catch (error) {
    const target = new URL(((error as { digest?: string }).digest ?? '').split(';')[2] ?? '', origin)
    return decodeURIComponent(target.pathname.split('/').pop()!)
  }
  throw new Error('the action did not redirect')
}

/** A ticket and its history without what differs by nature (ids, reference, token, instants). */
async function shapeOf(reference: string) {
  const t = await db.ticket.findUniqueOrThrow({ where: { reference }, include: { events: { orderBy: { id: 'asc' } }, entFailure: { include: { events: { orderBy: { id: 'asc' } } } } } })
  const { id, reference: _r, trackingTokenHash, createdAt, updatedAt, occurredAt, entFailureId, entFailure, events, fullName, entLogin, ...rest } = t
  void [_r, createdAt, occurredAt]
  expect(trackingTokenHash).toMatch(/^[0-9a-f]{64}$/)
  expect(updatedAt.getTime()).toBeGreaterThanOrEqual(t.createdAt.getTime())
  return {
    ticket: rest,
    names: [fullName.length > 0, Boolean(entLogin)],
    events: events.map((e) => [e.type, e.actorId, e.before, e.after?.replace(String(id), 'ID'), e.note]),
    entFailure: entFailure && {
      linked: entFailureId === entFailure.id,
      status: entFailure.status,
      reportCount: entFailure.reportCount,
      otherReportCount: entFailure.otherReportCount,
      version: entFailure.version,
      events: entFailure.events.map((e) => [e.type, e.before, e.after?.replace(/"ticketId":\d+/, '"ticketId":N'), e.note]),
    },
  }
}

describe('one write path for each ticket rule', () => {
  it('a new report: the form action and the API store the same rows, ENT record included', async () => {
    const base = { message: entMessage, profile: 'ELEVE', entName: 'Toutatice', email: 'meme@exemple.fr', establishment: 'Lycée Test' }
    const fromForm = await viaForm({ ...base, fullName: 'Par Formulaire', entLogin: 'par.formulaire' })
    const fromApi = await viaApi({ ...base, fullName: 'Par Api', entLogin: 'par.api' })
    const [a, b] = [await shapeOf(fromForm), await shapeOf(fromApi)]
    expect(a).toEqual(b)
    expect(a.entFailure).toMatchObject({ linked: true, status: 'OPEN', reportCount: 1 })
  })

  it('joining an ENT record: a new report and a category change write the same record rows and events', async () => {
    const agent = await createStaff()
    const person = { profile: 'ELEVE', entName: 'Toutatice', fullName: 'Jo Rejoint', email: 'jo@exemple.fr' }
    await viaApi({ ...person, message: entMessage, entLogin: 'jo.rejoint' })
    const joined = await viaApi({ ...person, message: entMessage, entLogin: 'jo.rejoint' })
    await viaApi({ ...person, message: entMessage, entLogin: 'jo.change' })
    const moved = await viaApi({ ...person, message: 'Votre identifiant ou votre mot de passe est incorrect', entLogin: 'jo.change' })
    const before = await db.ticket.findUniqueOrThrow({ where: { reference: moved } })
    expect(before.entFailureId).toBeNull()
    expect((await patchTicket(agent, moved, { version: before.version, category: 'ENT_IDENTITY_MISMATCH' })).status).toBe(200)

    const [byReport, byChange] = [(await shapeOf(joined)).entFailure, (await shapeOf(moved)).entFailure]
    expect(byChange).toEqual(byReport)
    expect(byReport).toMatchObject({ status: 'OPEN', reportCount: 2, version: 2 })
    expect(byReport!.events.map((e) => e[0])).toEqual(['CREATED', 'REPORT_ADDED'])
  })

  it('closing: an ENT decision and an agent’s change write the same ticket rows and events, and both refresh the queue counts', async () => {
    const agent = await createStaff()
    await db.directoryAccount.create({ data: { login: 'cdecide', firstName: 'Cam', lastName: 'Decide', profile: 'ELEVE', searchName: 'cam decide' } })
    const person = { message: entMessage, profile: 'ELEVE', entName: 'Toutatice', fullName: 'Cam Decide', email: 'cam@exemple.fr' }
    const byDecision = await viaApi({ ...person, entLogin: 'cam.decide' })
    const byHand = await viaApi({ ...person, entLogin: 'cam.main' })
    const resolvedBefore = (await countTicketFacets(agent, {})).byStatus.RESOLVED.count

    const failureId = (await db.ticket.findUniqueOrThrow({ where: { reference: byDecision } })).entFailureId!
    expect((await decideEntFailure(agent, failureId, { login: 'cdecide' }, 'link')).status).toBe(200)
    expect((await countTicketFacets(agent, {})).byStatus.RESOLVED.count).toBe(resolvedBefore + 1)
    const decided = await db.ticket.findUniqueOrThrow({ where: { reference: byDecision }, include: { events: { orderBy: { id: 'asc' } } } })

    const mine = await db.ticket.findUniqueOrThrow({ where: { reference: byHand } })
    const res = await patchTicket(agent, byHand, { version: mine.version, status: 'RESOLVED', publicMessage: decided.publicMessage })
    expect(res.status).toBe(200)
    expect((await countTicketFacets(agent, {})).byStatus.RESOLVED.count).toBe(resolvedBefore + 2)
    const manual = await db.ticket.findUniqueOrThrow({ where: { reference: byHand }, include: { events: { orderBy: { id: 'asc' } } } })

    for (const t of [decided, manual]) {
      expect(t).toMatchObject({ status: 'RESOLVED', version: 2, publicMessage: decided.publicMessage })
      expect(t.closedAt).toBeInstanceOf(Date)
    }
    const shape = (t: typeof manual) => t.events.map((e) => [e.type, e.actorId, e.before, e.after])
    expect(shape(decided)).toEqual(shape(manual))
  })
})
