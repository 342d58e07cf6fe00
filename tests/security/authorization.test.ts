import { describe, expect, it } from 'vitest'
import { DELETE as deleteRule, PATCH as patchRule } from '@/app/api/admin/catalogue/rules/[id]/route'
import { POST as applyRule } from '@/app/api/admin/catalogue/rules/[id]/apply/route'
import { POST as previewRule } from '@/app/api/admin/catalogue/rules/preview/route'
import { GET as listRules, POST as createRule } from '@/app/api/admin/catalogue/rules/route'
import { POST as importDirectory } from '@/app/api/admin/directory/import/route'
import { POST as exportPersonal } from '@/app/api/admin/donnees/export/route'
import { GET as listOutbox } from '@/app/api/admin/outbox/route'
import { POST as rejectFailure } from '@/app/api/admin/ent-failures/[id]/reject/route'
import { POST as linkFailure } from '@/app/api/admin/ent-failures/[id]/link/route'
import { GET as exportFailures } from '@/app/api/admin/ent-failures/export/route'
import { GET as listFailures } from '@/app/api/admin/ent-failures/route'
import { GET as getTicket, PATCH as patchTicket } from '@/app/api/admin/tickets/[reference]/route'
import { GET as listTickets } from '@/app/api/admin/tickets/route'
import { GET as exportTickets } from '@/app/api/admin/tickets/export/route'
import { GET as getStats } from '@/app/api/admin/stats/route'
import { GET as exportStats } from '@/app/api/admin/stats/export/route'
import { GET as getIncidentRoute, PATCH as patchIncidentRoute } from '@/app/api/admin/incidents/[id]/route'
import { POST as detachRoute } from '@/app/api/admin/incidents/[id]/detach/route'
import { POST as mergeRoute } from '@/app/api/admin/incidents/[id]/merge/route'
import { POST as reopenRoute } from '@/app/api/admin/incidents/[id]/reopen/route'
import { POST as resolveRoute } from '@/app/api/admin/incidents/[id]/resolve/route'
import { GET as listIncidentsRoute } from '@/app/api/admin/incidents/route'
import { GET as trackReport } from '@/app/api/reports/[reference]/route'
import { changeAccountRole, createAccount, setAccountDisabled } from '@/lib/accounts/mutations'
import { db } from '@/lib/db'
import { createReport } from '@/lib/reports/mutations'
import { getTrackedReport } from '@/lib/reports/queries'
import { erasePersonalData, exportPersonalData } from '@/lib/privacy/person-data'
import { updateSchoolSettings } from '@/lib/settings/mutations'
import { createStaff, createTicketRow } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

// Every admin route handler × who is calling, ADMIN-only mutations against an AGENT, object-level
// access to tracked reports, and a disabled account losing access at its very next request.
// (D's tests/integration/admin-authz.test.ts covers the ticket routes and actions in depth.)

type Who = 'anonymous' | 'forged' | 'disabled' | 'agent' | 'admin'
const everyone: Who[] = ['anonymous', 'forged', 'disabled', 'agent', 'admin']

async function cookieFor(who: Who): Promise<string | null> {
  if (who === 'anonymous') return null
  if (who === 'forged') return 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.token.value'
  return sessionCookie(await createStaff({ role: who === 'admin' ? 'ADMIN' : 'AGENT', disabled: who === 'disabled' }))
}

async function req(who: Who, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  const cookie = await cookieFor(who)
  if (cookie) headers.set('cookie', cookie)
  return new Request(`http://localhost${path}`, { ...init, headers })
}

async function entFailure() {
  const now = new Date()
  return db.entFailure.create({
    data: { identityKey: `ent:test|${crypto.randomUUID()}`, fullName: 'Léo Test', profile: 'ELEVE', firstReportedAt: now, lastReportedAt: now },
  })
}

/** An open incident with a key of its own (issue 13). */
async function incident() {
  const now = new Date()
  return db.incident.create({ data: { key: `WRONG_ADDRESS:${crypto.randomUUID()}`, category: 'WRONG_ADDRESS', firstReportAt: now, lastReportAt: now } })
}

type IncidentHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>
function incidentCall(handler: IncidentHandler, method: string, action: string, body: (id: string) => unknown): Call {
  return async (w) => {
    const { id } = await incident()
    const init = method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(id)) }
    return handler(await req(w, `/api/admin/incidents/${id}${action}`, init), { params: Promise.resolve({ id }) })
  }
}

const csv = () => {
  const form = new FormData()
  form.set('file', new Blob(['Nom;Prénom;Identifiant;Profil\nDURAND;Léa;ldurand;Élève\n']), 'annuaire.csv')
  return form
}

/** A school rule to change or delete, straight in the table (its routes are what is tested). */
const schoolRule = () => db.catalogueRule.create({ data: { kind: 'phrase', pattern: `regle ${crypto.randomUUID()}`, category: 'SITE_UNAVAILABLE', createdBy: 'Test' } })
const ruleJson = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const ruleBody = { kind: 'phrase', pattern: 'ecran vert fige', category: 'SITE_UNAVAILABLE' }

type Call = (who: Who) => Promise<Response>
const routes: Record<string, { role: 'AGENT' | 'ADMIN'; call: Call }> = {
  'GET /api/admin/tickets': { role: 'AGENT', call: async (w) => listTickets(await req(w, '/api/admin/tickets')) },
  'GET /api/admin/tickets/{ref}': {
    role: 'AGENT',
    call: async (w) => {
      const t = await createTicketRow()
      return getTicket(await req(w, `/api/admin/tickets/${t.reference}`), { params: Promise.resolve({ reference: t.reference }) })
    },
  },
  'PATCH /api/admin/tickets/{ref}': {
    role: 'AGENT',
    call: async (w) => {
      const t = await createTicketRow()
      const init = { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, note: 'n' }) }
      return patchTicket(await req(w, `/api/admin/tickets/${t.reference}`, init), { params: Promise.resolve({ reference: t.reference }) })
    },
  },
  'GET /api/admin/tickets/export': {
    role: 'AGENT',
    call: async (w) => {
      // Read to the end: the export records its events as the file is read.
      const res = await exportTickets(await req(w, '/api/admin/tickets/export?status=NEW'))
      return new Response(await res.arrayBuffer(), { status: res.status, headers: res.headers })
    },
  },
  'GET /api/admin/stats': { role: 'AGENT', call: async (w) => getStats(await req(w, '/api/admin/stats?from=2026-09-01&to=2026-09-30')) },
  'GET /api/admin/stats/export': {
    role: 'AGENT',
    call: async (w) => exportStats(await req(w, '/api/admin/stats/export?from=2026-09-01&to=2026-09-30&table=backlog')),
  },
  'GET /api/admin/ent-failures': { role: 'AGENT', call: async (w) => listFailures(await req(w, '/api/admin/ent-failures')) },
  'GET /api/admin/ent-failures/export': { role: 'AGENT', call: async (w) => exportFailures(await req(w, '/api/admin/ent-failures/export')) },
  'POST /api/admin/ent-failures/{id}/link': {
    role: 'AGENT',
    call: async (w) => {
      const f = await entFailure()
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, login: 'nobody' }) }
      return linkFailure(await req(w, `/api/admin/ent-failures/${f.id}/link`, init), { params: Promise.resolve({ id: f.id }) })
    },
  },
  'POST /api/admin/ent-failures/{id}/reject': {
    role: 'AGENT',
    call: async (w) => {
      const f = await entFailure()
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, reason: 'Doublon' }) }
      return rejectFailure(await req(w, `/api/admin/ent-failures/${f.id}/reject`, init), { params: Promise.resolve({ id: f.id }) })
    },
  },
  'GET /api/admin/incidents': { role: 'AGENT', call: async (w) => listIncidentsRoute(await req(w, '/api/admin/incidents')) },
  'GET /api/admin/incidents/{id}': { role: 'AGENT', call: incidentCall(getIncidentRoute, 'GET', '', () => null) },
  'PATCH /api/admin/incidents/{id}': { role: 'AGENT', call: incidentCall(patchIncidentRoute, 'PATCH', '', () => ({ version: 1, publicMessage: 'Avis.' })) },
  'POST /api/admin/incidents/{id}/resolve': { role: 'AGENT', call: incidentCall(resolveRoute, 'POST', '/resolve', () => ({ version: 1, message: 'Réglé.' })) },
  'POST /api/admin/incidents/{id}/reopen': { role: 'AGENT', call: incidentCall(reopenRoute, 'POST', '/reopen', () => ({ version: 1 })) },
  'POST /api/admin/incidents/{id}/detach': { role: 'AGENT', call: incidentCall(detachRoute, 'POST', '/detach', () => ({ version: 1, reference: 'RL-0000-0000' })) },
  'POST /api/admin/incidents/{id}/merge': {
    role: 'AGENT',
    call: async (w) => {
      const from = await incident()
      return incidentCall(mergeRoute, 'POST', '/merge', () => ({ version: 1, from: from.id, fromVersion: 1 }))(w)
    },
  },
  'POST /api/admin/directory/import': {
    role: 'ADMIN',
    call: async (w) => importDirectory(await req(w, '/api/admin/directory/import?dryRun=1', { method: 'POST', body: csv() })),
  },
  'GET /api/admin/outbox': { role: 'ADMIN', call: async (w) => listOutbox(await req(w, '/api/admin/outbox?state=PENDING')) },
  'GET /api/admin/catalogue/rules': { role: 'ADMIN', call: async (w) => listRules(await req(w, '/api/admin/catalogue/rules')) },
  'POST /api/admin/catalogue/rules': { role: 'ADMIN', call: async (w) => createRule(await req(w, '/api/admin/catalogue/rules', ruleJson(ruleBody))) },
  'POST /api/admin/catalogue/rules/preview': {
    role: 'ADMIN',
    call: async (w) => previewRule(await req(w, '/api/admin/catalogue/rules/preview', ruleJson(ruleBody))),
  },
  'POST /api/admin/catalogue/rules/{id}/apply': {
    role: 'ADMIN',
    call: async (w) => {
      const r = await schoolRule()
      return applyRule(await req(w, `/api/admin/catalogue/rules/${r.id}/apply`, { method: 'POST' }), { params: Promise.resolve({ id: r.id }) })
    },
  },
  'PATCH /api/admin/catalogue/rules/{id}': {
    role: 'ADMIN',
    call: async (w) => {
      const r = await schoolRule()
      return patchRule(await req(w, `/api/admin/catalogue/rules/${r.id}`, ruleJson({ version: 1, enabled: false }, 'PATCH')), { params: Promise.resolve({ id: r.id }) })
    },
  },
  'DELETE /api/admin/catalogue/rules/{id}': {
    role: 'ADMIN',
    call: async (w) => {
      const r = await schoolRule()
      return deleteRule(await req(w, `/api/admin/catalogue/rules/${r.id}`, { method: 'DELETE' }), { params: Promise.resolve({ id: r.id }) })
    },
  },
  'POST /api/admin/donnees/export': {
    role: 'ADMIN',
    call: async (w) => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'email', value: 'x@example.test' }) }
      return exportPersonal(await req(w, '/api/admin/donnees/export', init))
    },
  },
}

describe('admin route handlers × who is calling', () => {
  for (const [name, { role, call }] of Object.entries(routes)) {
    for (const who of everyone) {
      const expected = who === 'agent' && role === 'ADMIN' ? 403 : ['anonymous', 'forged', 'disabled'].includes(who) ? 401 : 'allowed'
      it(`${name} as ${who} → ${expected}`, async () => {
        const events = await db.ticketEvent.count()
        const accounts = await db.directoryAccount.count()
        const ruleChanges = await db.catalogueRuleEvent.count()
        const res = await call(who)
        if (expected === 'allowed') {
          expect([401, 403]).not.toContain(res.status)
          expect(res.status).toBeLessThan(500)
        } else {
          expect(res.status).toBe(expected)
          expect(await res.json()).toMatchObject({ error: expected === 401 ? 'unauthenticated' : 'forbidden', message: expect.any(String) })
          expect(await db.ticketEvent.count()).toBe(events)
          expect(await db.directoryAccount.count()).toBe(accounts)
          expect(await db.catalogueRuleEvent.count()).toBe(ruleChanges)
        }
      })
    }
  }

  it('refuses a cross-site Origin on every state-changing admin route, even for an admin', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const cookie = await sessionCookie(admin)
    const t = await createTicketRow()
    const f = await entFailure()
    const evil = { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }
    const body = JSON.stringify({ version: 1, note: 'csrf' })
    const answers = [
      await patchTicket(new Request(`http://localhost/api/admin/tickets/${t.reference}`, { method: 'PATCH', headers: evil, body }), {
        params: Promise.resolve({ reference: t.reference }),
      }),
      await linkFailure(new Request(`http://localhost/x`, { method: 'POST', headers: evil, body }), { params: Promise.resolve({ id: f.id }) }),
      await rejectFailure(new Request(`http://localhost/x`, { method: 'POST', headers: evil, body }), { params: Promise.resolve({ id: f.id }) }),
      await importDirectory(new Request('http://localhost/x', { method: 'POST', headers: { cookie, origin: 'https://evil.example' }, body: csv() })),
      await exportPersonal(new Request('http://localhost/x', { method: 'POST', headers: evil, body: '{"kind":"email","value":"a@b.c"}' })),
    ]
    for (const res of answers) {
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: 'cross_origin' })
    }
    expect(await db.ticketEvent.count({ where: { ticketId: t.id } })).toBe(0)
  })
})

describe('ADMIN-only mutations refuse an AGENT', () => {
  it('accounts, settings, privacy export and erasure → FORBIDDEN, nothing written', async () => {
    const agent = await createStaff({ role: 'AGENT' })
    const other = await createStaff({ role: 'AGENT' })
    const staffBefore = await db.staffUser.count()
    const settingsBefore = await db.schoolSettings.findMany()
    const t = await createTicketRow({ email: 'victime@example.test' })
    const attempts = [
      await createAccount(agent, { email: 'new@example.test', name: 'Nouveau', role: 'ADMIN', password: 'un-mot-de-passe-long' }),
      await changeAccountRole(agent, { id: agent.id, role: 'ADMIN' }),
      await setAccountDisabled(agent, { id: other.id, disabled: 'true' }),
      await updateSchoolSettings(agent, { establishmentName: 'Piraté' }),
      await exportPersonalData(agent, { kind: 'email', value: 'victime@example.test' }),
      await erasePersonalData(agent, { kind: 'email', value: 'victime@example.test' }),
    ]
    for (const result of attempts) expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await db.staffUser.count()).toBe(staffBefore)
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe('AGENT')
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: other.id } })).disabledAt).toBeNull()
    expect(await db.schoolSettings.findMany()).toEqual(settingsBefore)
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).email).toBe('victime@example.test')
    expect(await db.ticketEvent.count({ where: { ticketId: t.id } })).toBe(0)
  })
})

describe('object-level access', () => {
  it('a tracking token opens only its own report', async () => {
    const a = await createReport({ message: 'Identifiant incorrect', fullName: 'Alice A' })
    const b = await createReport({ message: 'Identifiant incorrect', fullName: 'Bob B' })
    if (!a.ok || !b.ok) throw new Error('setup failed')
    const track = (ref: string, token: string) =>
      trackReport(new Request(`http://localhost/api/reports/${ref}?t=${encodeURIComponent(token)}`), { params: Promise.resolve({ reference: ref }) })
    expect((await track(a.value.reference, a.value.token)).status).toBe(200)
    expect((await track(a.value.reference, b.value.token)).status).toBe(404)
    expect((await track(b.value.reference, a.value.token)).status).toBe(404)
    expect((await track(a.value.reference, '')).status).toBe(404)
    expect((await track(a.value.reference, a.value.token.slice(0, -1))).status).toBe(404)
    expect(await getTrackedReport(a.value.reference, b.value.token)).toMatchObject({ ok: false })
    const wrong = await track(a.value.reference, b.value.token)
    expect(JSON.stringify(await wrong.json())).not.toContain('Alice')
  })

  it('a disabled account loses access at its next request', async () => {
    const agent = await createStaff({ role: 'AGENT' })
    const cookie = await sessionCookie(agent)
    const call = () => listTickets(new Request('http://localhost/api/admin/tickets', { headers: { cookie } }))
    expect((await call()).status).toBe(200)
    await db.staffUser.update({ where: { id: agent.id }, data: { disabledAt: new Date() } })
    expect((await call()).status).toBe(401)
  })

  it('a demoted admin loses ADMIN-only routes at the next request', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const cookie = await sessionCookie(admin)
    const call = () =>
      exportPersonal(
        new Request('http://localhost/api/admin/donnees/export', {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: '{"kind":"email","value":"x@example.test"}',
        }),
      )
    expect((await call()).status).toBe(200)
    await db.staffUser.update({ where: { id: admin.id }, data: { role: 'AGENT' } })
    expect((await call()).status).toBe(403)
  })
})
