import { describe, expect, it } from 'vitest'
import { confirmReportAction } from '@/app/suivi/[reference]/actions'
import { db } from '@/lib/db'
import { handleIncidentForm, outcomeMessage } from '@/lib/incidents/form-handlers'
import { createStaff } from '@/tests/support/factories'
import { fileReport, messages } from '@/tests/support/reports'

// The pages' forms (no JavaScript needed): the incident page's intents with real FormData, and the
// tracking page's "Pouvez-vous vous connecter maintenant ?" server action.

const formOf = (fields: Record<string, string>) => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}

/** The redirect target of a server action (redirect() throws). */
async function redirectOf(action: () => Promise<void>): Promise<string> {
  try {
    await action()
  } catch (error) {
    return ((error as { digest?: string }).digest ?? '').split(';')[2] ?? ''
  }
  throw new Error('the action did not redirect')
}

describe('incident page forms', () => {
  it('publish, resolve and a refused intent, with outcomes as codes only', async () => {
    const agent = await createStaff()
    const f = await fileReport({ message: messages.SITE_UNAVAILABLE })
    const id = (f.body.incident as { id: string }).id
    expect(await handleIncidentForm(agent, id, formOf({ intent: 'publish', version: '1', publicMessage: 'Le site revient vers 10 h.' }))).toEqual({ ok: true, intent: 'publish' })
    expect(await handleIncidentForm(agent, id, formOf({ intent: 'resolve', version: '1', message: 'Revenu.' }))).toEqual({ ok: false, code: 'CONFLICT' })
    expect(await handleIncidentForm(agent, id, formOf({ intent: 'resolve', version: '2', message: '' }))).toEqual({ ok: false, code: 'VALIDATION' })
    expect(await handleIncidentForm(agent, id, formOf({ intent: 'drop', version: '2' }))).toEqual({ ok: false, code: 'VALIDATION' })
    expect(await handleIncidentForm(agent, id, formOf({ intent: 'withdraw', version: '2' }))).toEqual({ ok: true, intent: 'withdraw' })
    expect(await handleIncidentForm(agent, id, formOf({ intent: 'resolve', version: '3', message: 'Le site est revenu.' }))).toEqual({ ok: true, intent: 'resolve' })
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RESOLVED', published: false, version: 4 })

    expect(outcomeMessage({ fait: 'resolve' })).toMatchObject({ ok: true, message: expect.stringMatching(/Incident résolu/) })
    expect(outcomeMessage({ erreur: 'CONFLICT' })).toMatchObject({ ok: false })
    // A crafted link cannot put words on the page.
    expect(outcomeMessage({ fait: 'Appelez le 08 99…' })).toBeNull()
    expect(outcomeMessage({ erreur: 'toString' })).toBeNull()
  })
})

describe('the tracking page’s confirmation form', () => {
  it('"Non" posted as a form reopens the ticket and comes back to the tracking page', async () => {
    const agent = await createStaff()
    const f = await fileReport({ message: messages.SITE_UNAVAILABLE, profile: 'ELEVE' })
    const id = (f.body.incident as { id: string }).id
    const { version } = await db.incident.findUniqueOrThrow({ where: { id } })
    await handleIncidentForm(agent, id, formOf({ intent: 'resolve', version: String(version), message: 'Réglé.' }))

    const target = await redirectOf(() => confirmReportAction(formOf({ reference: f.reference, t: f.token, works: 'non', comment: 'Même page.' })))
    expect(target).toContain(`/suivi/${f.reference}?t=`)
    expect(target).toMatch(/&reponse=non$/)
    expect(await db.ticket.findUniqueOrThrow({ where: { reference: f.reference } })).toMatchObject({ status: 'NEW', incidentId: null, confirmation: 'STILL_BLOCKED' })
    expect(await redirectOf(() => confirmReportAction(formOf({ reference: f.reference, t: f.token, works: 'non' })))).toMatch(/&reponse=refus$/)
    expect(await redirectOf(() => confirmReportAction(formOf({ reference: f.reference, t: 'faux', works: 'oui' })))).toBe('/')
  })
})
