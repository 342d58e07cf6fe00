import { describe, expect, it } from 'vitest'
import { GET as getOne, PATCH } from '@/app/api/admin/tickets/[reference]/route'
import { GET as list } from '@/app/api/admin/tickets/route'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { handleBulkForm, handleTicketForm } from '@/lib/tickets/form-handlers'
import { createStaff, createTicketRow } from '../support/factories'
import { sessionCookie } from '../support/session'

// Who may call each admin ticket entry point. Both staff roles work tickets; anyone else is refused
// before any row is read or written.

type Who = 'anonymous' | 'forged' | 'disabled' | 'agent' | 'admin'

async function cookieFor(who: Who): Promise<string | null> {
  if (who === 'anonymous') return null
  if (who === 'forged') return 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.token.value'
  const viewer = await createStaff({ role: who === 'admin' ? 'ADMIN' : 'AGENT', disabled: who === 'disabled' })
  return sessionCookie(viewer)
}

async function request(who: Who, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  const cookie = await cookieFor(who)
  if (cookie) headers.set('cookie', cookie)
  return new Request(`http://localhost/api/admin/tickets${path}`, { ...init, headers })
}

const routes = {
  'GET /api/admin/tickets': async (who: Who) => list(await request(who, '')),
  'GET /api/admin/tickets/{ref}': async (who: Who, ref: string) => getOne(await request(who, `/${ref}`), { params: Promise.resolve({ reference: ref }) }),
  'PATCH /api/admin/tickets/{ref}': async (who: Who, ref: string) =>
    PATCH(await request(who, `/${ref}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, note: `note de ${who}` }) }), {
      params: Promise.resolve({ reference: ref }),
    }),
}

const expected: Record<Who, number> = { anonymous: 401, forged: 401, disabled: 401, agent: 200, admin: 200 }

describe('admin ticket route handlers × who is calling', () => {
  for (const [name, call] of Object.entries(routes)) {
    for (const who of Object.keys(expected) as Who[]) {
      it(`${name} as ${who} → ${expected[who]}`, async () => {
        const t = await createTicketRow()
        const res = await call(who, t.reference)
        expect(res.status).toBe(expected[who])
        const body = await res.json()
        if (expected[who] === 401) {
          expect(body).toMatchObject({ error: 'unauthenticated' })
          expect(await db.ticketEvent.count({ where: { ticketId: t.id } })).toBe(0)
          expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).version).toBe(1)
        }
        if (name.startsWith('PATCH') && expected[who] === 200) {
          expect(await db.ticketEvent.findFirst({ where: { ticketId: t.id } })).toMatchObject({ note: `note de ${who}` })
        }
      })
    }
  }
})

// The server actions (app/admin/actions.ts) obtain the viewer with requireActionViewer('AGENT'),
// which redirects anonymous callers to /login before anything runs (C's session tests and the e2e
// sign-out check cover that path: Next's cookies() needs a request scope). What they run once the
// viewer is known is tested here for both roles.
describe('ticket server actions × role', () => {
  const form = (entries: [string, string][]) => {
    const f = new FormData()
    for (const [k, v] of entries) f.append(k, v)
    return f
  }
  for (const role of ['AGENT', 'ADMIN'] as const) {
    it(`updateTicketAction as ${role} changes the ticket`, async () => {
      const viewer: Viewer = await createStaff({ role })
      const t = await createTicketRow()
      const { state } = await handleTicketForm(
        viewer,
        form([['reference', t.reference], ['version', '1'], ['intent', 'status'], ['status', 'IN_PROGRESS'], ['publicMessage', '']]),
      )
      expect(state).toEqual({ status: 'saved', message: 'Statut enregistré.' })
      expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: 'IN_PROGRESS', version: 2 })
    })

    it(`bulkUpdateTicketsAction as ${role} applies to the selection`, async () => {
      const viewer: Viewer = await createStaff({ role })
      const t = await createTicketRow()
      const state = await handleBulkForm(viewer, form([['action', 'assign'], ['assigneeId', viewer.id], ['items', `${t.reference}:1`]]))
      expect(state).toEqual({ status: 'done', action: 'assign', value: viewer.id, applied: 1, conflicted: 0, failed: [] })
      expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).assigneeId).toBe(viewer.id)
    })

    it(`bulkUpdateTicketsAction as ${role} applies only the pressed button's action, whatever the other fields say`, async () => {
      const viewer: Viewer = await createStaff({ role })
      const t = await createTicketRow()
      // Every value control posts; the pressed button (action=status) decides which one counts.
      const fields: [string, string][] = [['assigneeId', ''], ['status', 'RESOLVED'], ['category', 'WRONG_ADDRESS'], ['items', `${t.reference}:1`]]
      const state = await handleBulkForm(viewer, form([...fields, ['action', 'status']]))
      expect(state).toMatchObject({ status: 'done', action: 'status', value: 'RESOLVED', applied: 1 })
      const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } })
      expect(row.status).toBe('RESOLVED')
      expect(row.category).toBe(t.category)
    })
  }

  it('a stale form post reports the conflict and changes nothing', async () => {
    const viewer = await createStaff()
    const t = await createTicketRow({ version: 3 })
    const { state } = await handleTicketForm(viewer, form([['reference', t.reference], ['version', '2'], ['intent', 'note'], ['note', 'trop tard']]))
    expect(state).toMatchObject({ status: 'error', code: 'CONFLICT' })
    expect(await db.ticketEvent.count({ where: { ticketId: t.id } })).toBe(0)
  })
})
