import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as deleteRuleRoute, PATCH as patchRuleRoute } from '@/app/api/admin/catalogue/rules/[id]/route'
import { POST as applyRoute } from '@/app/api/admin/catalogue/rules/[id]/apply/route'
import { POST as previewRoute } from '@/app/api/admin/catalogue/rules/preview/route'
import { GET as listRoute, POST as createRoute } from '@/app/api/admin/catalogue/rules/route'
import { POST as classifyPOST } from '@/app/api/classify/route'
import { POST as reportPOST } from '@/pages/api/reports'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { createStaff } from '@/tests/support/factories'
import { patchTicket } from '@/tests/support/admin-api'
import { sessionCookie } from '@/tests/support/session'

// Issue 15 §2: the school's rules, through the JSON routes as the admin page calls them.

const UNKNOWN_MESSAGE = 'Le portail affiche « Zorglub Quarante-Deux » et rien ne se passe.'
const OTHER_UNKNOWN = 'Rien ne marche depuis ce matin, aucun message.'

let admin: Viewer
let agent: Viewer
let people = 0

async function call(handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, viewer: Viewer | null, method: string, body?: unknown, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (viewer) headers.cookie = await sessionCookie(viewer)
  const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }
  return handler(new Request('http://localhost/api/admin/catalogue/rules', init), { params: Promise.resolve(params) })
}

async function classify(message: string) {
  const res = await classifyPOST(new Request('http://localhost/api/classify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }))
  expect(res.status).toBe(200)
  return (await res.json()) as { category: string; evidence: { signal: string; rule?: string }[] }
}

async function report(message: string, extra: Record<string, string> = {}) {
  const body = { message, fullName: `Rémi Règle ${++people}`, ...extra }
  const res = await reportPOST(new Request('http://localhost/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
  expect(res.status).toBe(201)
  return ((await res.json()) as { reference: string; category: string })
}

const ticket = (reference: string) => db.ticket.findUniqueOrThrow({ where: { reference }, include: { events: { orderBy: { id: 'asc' } } } })

beforeAll(async () => {
  admin = await createStaff({ role: 'ADMIN', name: 'Alice Admin' })
  agent = await createStaff({ role: 'AGENT' })
})

describe('a school rule', () => {
  it('makes an unknown message classifiable; its preview lists exactly what apply changes; manual tickets stay', async () => {
    expect((await classify(UNKNOWN_MESSAGE)).category).toBe('UNKNOWN')
    const [a, b, byHand, other] = [await report(UNKNOWN_MESSAGE), await report(UNKNOWN_MESSAGE.toUpperCase()), await report(UNKNOWN_MESSAGE), await report(OTHER_UNKNOWN)]
    for (const t of [a, b, byHand, other]) expect(t.category).toBe('UNKNOWN')
    expect((await patchTicket(agent, byHand.reference, { version: 1, category: 'WRONG_ADDRESS' })).status).toBe(200)

    const rule = { kind: 'phrase', pattern: 'zorglub quarante deux', category: 'SITE_UNAVAILABLE' }
    const preview = await call(previewRoute, admin, 'POST', rule)
    expect(preview.status).toBe(200)
    const dry = (await preview.json()) as { wouldChange: number; manualUntouched: number; changes: { reference: string; from: string; to: string }[]; manual: { reference: string }[] }
    expect(dry.changes.map((c) => c.reference).sort()).toEqual([a.reference, b.reference].sort())
    expect(dry.changes.every((c) => c.from === 'UNKNOWN' && c.to === 'SITE_UNAVAILABLE')).toBe(true)
    expect(dry).toMatchObject({ wouldChange: 2, manualUntouched: 1, manual: [{ reference: byHand.reference }] })
    expect(await db.catalogueRule.count()).toBe(0) // nothing stored by a preview

    const created = await call(createRoute, admin, 'POST', rule)
    expect(created.status).toBe(201)
    const saved = (await created.json()) as { id: string; version: number; enabled: boolean; createdBy: string }
    expect(saved).toMatchObject({ version: 1, enabled: true, createdBy: 'Alice Admin' })

    // New reports use it at once, and the evidence names the rule.
    const verdict = await classify(`Bonjour, ${UNKNOWN_MESSAGE}`)
    expect(verdict.category).toBe('SITE_UNAVAILABLE')
    expect(verdict.evidence.find((e) => e.rule === saved.id)?.signal).toContain('zorglub quarante deux')
    expect((await report(UNKNOWN_MESSAGE)).category).toBe('SITE_UNAVAILABLE')

    const applied = await call(applyRoute, admin, 'POST', undefined, { id: saved.id })
    expect(applied.status).toBe(200)
    expect(await applied.json()).toMatchObject({ changed: 2, done: true })
    for (const ref of [a.reference, b.reference]) {
      const row = await ticket(ref)
      expect(row).toMatchObject({ category: 'SITE_UNAVAILABLE', autoCategory: 'SITE_UNAVAILABLE', version: 2 })
      const event = row.events.find((e) => e.type === 'RECATEGORIZED')
      expect(event).toMatchObject({ actorId: admin.id, note: 'recatégorisé par la règle « zorglub quarante deux »' })
      // Incidents follow, as after a category change by hand: the site-wide failure gathers them.
      expect(row.incidentId).not.toBeNull()
      expect(row.events.at(-1)).toMatchObject({ type: 'INCIDENT_CHANGED' })
    }
    expect((await ticket(a.reference)).incidentId).toBe((await ticket(b.reference)).incidentId)
    expect(await ticket(byHand.reference)).toMatchObject({ category: 'WRONG_ADDRESS', version: 2 })
    expect(await ticket(other.reference)).toMatchObject({ category: 'UNKNOWN', version: 1 })
    const again = (await (await call(previewRoute, admin, 'POST', rule)).json()) as { wouldChange: number; manualUntouched: number }
    expect(again).toMatchObject({ wouldChange: 0, manualUntouched: 1 })
    const history = await db.catalogueRuleEvent.findMany({ where: { ruleId: saved.id }, orderBy: { id: 'asc' } })
    expect(history.map((e) => [e.action, e.actorName])).toEqual([['CREATED', 'Alice Admin'], ['APPLIED', 'Alice Admin']])
  })

  it('stops matching new messages once disabled; a stale version gets 409; deleting keeps its history', async () => {
    const created = await call(createRoute, admin, 'POST', { kind: 'regex', pattern: 'erreur gl[ue]{2}bz?\\s?\\d{2}', category: 'WRONG_ADDRESS' })
    expect(created.status).toBe(201)
    const rule = (await created.json()) as { id: string; version: number }
    expect((await classify('Il y a écrit ERREUR glueb 17')).category).toBe('WRONG_ADDRESS')

    const off = await call(patchRuleRoute, admin, 'PATCH', { version: 1, enabled: false }, { id: rule.id })
    expect(off.status).toBe(200)
    expect(await off.json()).toMatchObject({ enabled: false, version: 2 })
    expect((await classify('Il y a écrit ERREUR glueb 17')).category).toBe('UNKNOWN')
    expect((await call(patchRuleRoute, admin, 'PATCH', { version: 1, enabled: true }, { id: rule.id })).status).toBe(409)
    expect((await call(applyRoute, admin, 'POST', undefined, { id: rule.id })).status).toBe(400)

    expect((await call(deleteRuleRoute, admin, 'DELETE', undefined, { id: rule.id })).status).toBe(200)
    expect((await call(deleteRuleRoute, admin, 'DELETE', undefined, { id: rule.id })).status).toBe(404)
    const actions = (await db.catalogueRuleEvent.findMany({ where: { ruleId: rule.id }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['CREATED', 'DISABLED', 'DELETED'])
    const list = (await (await call(listRoute, admin, 'GET')).json()) as { items: { id: string }[] }
    expect(list.items.some((r) => r.id === rule.id)).toBe(false)
  })

  it('reaches a process that did not make the change within the stamp bound (rules live in the database)', async () => {
    const message = 'Le portail affiche la girafe orange.'
    expect((await classify(message)).category).toBe('UNKNOWN') // this process has read the rules now
    // Another server process saves a rule: its rows appear in the database, this process is not told.
    const rule = await db.catalogueRule.create({ data: { kind: 'phrase', pattern: 'girafe orange', category: 'WRONG_ADDRESS', createdBy: 'Autre processus' } })
    await db.catalogueRuleEvent.create({ data: { ruleId: rule.id, action: 'CREATED', version: 1, actorName: 'Autre processus', snapshot: '{}' } })
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await classify(message)).category).toBe('WRONG_ADDRESS')
  })

  it('refuses a pathological regular expression with a French message, and stores nothing', async () => {
    const before = await db.catalogueRule.count()
    for (const pattern of ['(a+)+$', '^(\\w+\\s?)+$', '(x|x)*y', 'erreur (\\d+)*\\d+z']) {
      const res = await call(createRoute, admin, 'POST', { kind: 'regex', pattern, category: 'BAD_CREDENTIALS' })
      expect(res.status, pattern).toBe(400)
      const body = (await res.json()) as { issues: { path: string[]; message: string }[] }
      expect(body.issues[0]).toMatchObject({ path: ['pattern'], message: expect.stringMatching(/^Expression refusée : .*retours arrière/) })
      const preview = await call(previewRoute, admin, 'POST', { kind: 'regex', pattern, category: 'BAD_CREDENTIALS' })
      expect(preview.status).toBe(400)
    }
    const invalid = await call(createRoute, admin, 'POST', { kind: 'regex', pattern: '(erreur', category: 'BAD_CREDENTIALS' })
    expect(((await invalid.json()) as { issues: { message: string }[] }).issues[0]!.message).toMatch(/invalide/)
    expect(await db.catalogueRule.count()).toBe(before)
  })

  it('is ADMIN only: an agent is refused on every route, and nothing changes', async () => {
    const rule = (await (await call(createRoute, admin, 'POST', { kind: 'phrase', pattern: 'portail bleu fige', category: 'SITE_UNAVAILABLE' })).json()) as { id: string }
    const body = { kind: 'phrase', pattern: 'portail rouge fige', category: 'SITE_UNAVAILABLE' }
    const refusals = [
      await call(listRoute, agent, 'GET'),
      await call(createRoute, agent, 'POST', body),
      await call(previewRoute, agent, 'POST', body),
      await call(applyRoute, agent, 'POST', undefined, { id: rule.id }),
      await call(patchRuleRoute, agent, 'PATCH', { version: 1, enabled: false }, { id: rule.id }),
      await call(deleteRuleRoute, agent, 'DELETE', undefined, { id: rule.id }),
    ]
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403])
    expect((await call(listRoute, null, 'GET')).status).toBe(401)
    expect(await db.catalogueRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ enabled: true, version: 1 })
  })

  it('tries a change to a saved rule in place of its current version, then saves and applies it', async () => {
    const message = 'Le portail affiche un lapin vert fluo.'
    const filed = await report(message)
    const rule = (await (await call(createRoute, admin, 'POST', { kind: 'phrase', pattern: 'lapin vert', category: 'SITE_UNAVAILABLE' })).json()) as { id: string }
    await call(applyRoute, admin, 'POST', undefined, { id: rule.id })
    expect((await ticket(filed.reference)).category).toBe('SITE_UNAVAILABLE')

    const changed = { kind: 'phrase', pattern: 'lapin vert fluo', category: 'WRONG_ADDRESS' }
    type Preview = { changes: { reference: string; to: string }[] }
    const asEdit = (await (await call(previewRoute, admin, 'POST', { ...changed, ruleId: rule.id })).json()) as Preview
    expect(asEdit.changes).toEqual([{ reference: filed.reference, from: 'SITE_UNAVAILABLE', to: 'WRONG_ADDRESS' }])
    // Tried as a second rule beside the first, the two would contradict each other: UNKNOWN.
    const beside = (await (await call(previewRoute, admin, 'POST', changed)).json()) as Preview
    expect(beside.changes).toEqual([{ reference: filed.reference, from: 'SITE_UNAVAILABLE', to: 'UNKNOWN' }])

    const patched = await call(patchRuleRoute, admin, 'PATCH', { version: 1, pattern: 'lapin vert fluo', category: 'WRONG_ADDRESS' }, { id: rule.id })
    expect(await patched.json()).toMatchObject({ version: 2, pattern: 'lapin vert fluo', category: 'WRONG_ADDRESS' })
    expect(await (await call(applyRoute, admin, 'POST', undefined, { id: rule.id })).json()).toMatchObject({ changed: 1 })
    expect((await ticket(filed.reference)).category).toBe('WRONG_ADDRESS')
    const actions = (await db.catalogueRuleEvent.findMany({ where: { ruleId: rule.id }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['CREATED', 'APPLIED', 'UPDATED', 'APPLIED'])
  })

  it('applies slice by slice (the page shows progress) with the same outcome as in one pass', async () => {
    const message = 'Le portail affiche une tortue mauve clignotante.'
    const refs = [await report(message), await report(OTHER_UNKNOWN), await report(message), await report(message)].map((t) => t.reference)
    const rule = (await (await call(createRoute, admin, 'POST', { kind: 'phrase', pattern: 'tortue mauve', category: 'SITE_UNAVAILABLE' })).json()) as { id: string }
    const handler = (afterId: number) => (request: Request, context: { params: Promise<Record<string, string>> }) =>
      applyRoute(new Request(`http://localhost/api/admin/catalogue/rules/${rule.id}/apply?afterId=${afterId}&limit=2`, request), context)
    let afterId = 0
    let changed = 0
    let slices = 0
    for (let done = false; !done; slices++) {
      const slice = (await (await call(handler(afterId), admin, 'POST', undefined, { id: rule.id })).json()) as { changed: number; lastId: number; done: boolean; scanned: number }
      expect(slice.scanned).toBeLessThanOrEqual(2)
      changed += slice.changed
      afterId = slice.lastId
      done = slice.done
    }
    expect(slices).toBeGreaterThan(2)
    expect(changed).toBe(3)
    const categories = await Promise.all(refs.map(async (ref) => (await ticket(ref)).category))
    expect(categories).toEqual(['SITE_UNAVAILABLE', 'UNKNOWN', 'SITE_UNAVAILABLE', 'SITE_UNAVAILABLE'])
  })

  it('moves an applied ENT identity ticket onto its ENT record, like a category change by hand', async () => {
    const message = 'Le portail montre le panneau Quokka violet après mon code ENT.'
    const filed = await report(message, { entName: 'Mon ENT', entLogin: 'quokka.violet', profile: 'ELEVE' })
    expect(filed.category).toBe('UNKNOWN')
    const rule = (await (await call(createRoute, admin, 'POST', { kind: 'phrase', pattern: 'panneau quokka violet', category: 'ENT_IDENTITY_MISMATCH' })).json()) as { id: string }
    expect(await (await call(applyRoute, admin, 'POST', undefined, { id: rule.id })).json()).toMatchObject({ changed: 1 })
    const row = await ticket(filed.reference)
    expect(row.category).toBe('ENT_IDENTITY_MISMATCH')
    expect(row.entFailureId).not.toBeNull()
  })
})
