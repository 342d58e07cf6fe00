import { describe, expect, it } from 'vitest'
import { GET as getOne, PATCH } from '@/app/api/admin/tickets/[reference]/route'
import { GET as list } from '@/app/api/admin/tickets/route'
import { db } from '@/lib/db'
import { createStaff, createTicketRow } from '../support/factories'
import { sessionCookie } from '../support/session'
import type { Viewer } from '@/lib/auth/viewer'

// The admin tickets JSON API through its route handlers, signed in with a real session cookie.

const base = 'http://localhost/api/admin/tickets'
const ctx = (reference: string) => ({ params: Promise.resolve({ reference }) })

async function req(viewer: Viewer, path = '', init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('cookie', await sessionCookie(viewer))
  if (init.body) headers.set('content-type', 'application/json')
  return new Request(`${base}${path}`, { ...init, headers })
}

describe('GET /api/admin/tickets', () => {
  it('lists tickets newest first with the contract fields and a working cursor', async () => {
    const agent = await createStaff({ name: 'Sacha' })
    const older = await createTicketRow({ establishment: 'Lycée API', assigneeId: agent.id })
    const newer = await createTicketRow({ establishment: 'Lycée API' })
    const res = await list(await req(agent, '?establishment=Lyc%C3%A9e%20API&limit=1'))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.items).toEqual([
      {
        reference: newer.reference,
        status: 'NEW',
        category: 'BAD_CREDENTIALS',
        confidence: 0.9,
        fullName: newer.fullName,
        profile: 'PARENT',
        establishment: 'Lycée API',
        priority: 0,
        createdAt: newer.createdAt.toISOString(),
        updatedAt: newer.updatedAt.toISOString(),
        assignee: null,
        version: 1,
      },
    ])
    expect(body.nextCursor).toEqual(expect.any(String))
    const next = await (await list(await req(agent, `?establishment=Lyc%C3%A9e%20API&limit=1&cursor=${body.nextCursor}`))).json()
    expect(next.items.map((t: { reference: string }) => t.reference)).toEqual([older.reference])
    expect(next.items[0].assignee).toEqual({ id: agent.id, name: 'Sacha' })
    expect(next.nextCursor).toBeNull()
    const mine = await (await list(await req(agent, '?assignee=me&establishment=Lyc%C3%A9e%20API'))).json()
    expect(mine.items.map((t: { reference: string }) => t.reference)).toEqual([older.reference])
    const none = await (await list(await req(agent, '?assignee=none&establishment=Lyc%C3%A9e%20API'))).json()
    expect(none.items.map((t: { reference: string }) => t.reference)).toEqual([newer.reference])
  })

  it('answers 400 invalid_request with French issues for bad parameters', async () => {
    const agent = await createStaff()
    const res = await list(await req(agent, '?status=OPEN&limit=101&cursor=abc'))
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toBe('invalid_request')
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: ['status'], message: 'Statut inconnu.' },
        { path: ['limit'], message: 'La limite est de 100 au plus.' },
      ]),
    )
  })
})

describe('GET /api/admin/tickets/{reference}', () => {
  it('returns the ticket with its history and resolution; 404 when unknown', async () => {
    const agent = await createStaff()
    const t = await createTicketRow({ category: 'ENT_IDENTITY_MISMATCH', autoCategory: 'ENT_IDENTITY_MISMATCH' })
    await PATCH(await req(agent, `/${t.reference}`, { method: 'PATCH', body: JSON.stringify({ version: 1, note: 'vu' }) }), ctx(t.reference))
    const res = await getOne(await req(agent, `/${t.reference}`), ctx(t.reference))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ reference: t.reference, message: t.message, version: 2, autoCategory: 'ENT_IDENTITY_MISMATCH' })
    expect(body.history).toEqual([expect.objectContaining({ type: 'NOTE_ADDED', note: 'vu', actor: { id: agent.id, name: agent.name } })])
    expect(body.resolution).toMatchObject({
      menuPath: expect.stringContaining('Gestion des identités'),
      steps: expect.any(Array),
      link: { href: '/admin/echecs-interconnexion', external: false },
    })
    const missing = await getOne(await req(agent, '/RL-0000-0000'), ctx('RL-0000-0000'))
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: 'not_found' })
  })
})

describe('PATCH /api/admin/tickets/{reference}', () => {
  it('applies a change and returns the new version; a stale version gets 409 and changes nothing', async () => {
    const agent = await createStaff()
    const admin = await createStaff({ role: 'ADMIN' })
    const t = await createTicketRow()
    const patch = async (viewer: Viewer, body: unknown) =>
      PATCH(await req(viewer, `/${t.reference}`, { method: 'PATCH', body: JSON.stringify(body) }), ctx(t.reference))

    const first = await patch(agent, { version: 1, status: 'WAITING_USER', publicMessage: 'Pouvez-vous nous envoyer une capture ?', assigneeId: admin.id })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ version: 2, status: 'WAITING_USER', assignee: { id: admin.id }, publicMessage: 'Pouvez-vous nous envoyer une capture ?' })

    const stale = await patch(admin, { version: 1, status: 'REJECTED' })
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({ error: 'conflict', message: expect.stringContaining('modifié') })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: 'WAITING_USER', version: 2 })

    const unassign = await patch(admin, { version: 2, assigneeId: null })
    expect(await unassign.json()).toMatchObject({ version: 3, assignee: null })
  })

  it('answers 400 for invalid bodies and 404 for unknown tickets', async () => {
    const agent = await createStaff()
    const t = await createTicketRow()
    const send = async (reference: string, body: string) =>
      PATCH(await req(agent, `/${reference}`, { method: 'PATCH', body }), ctx(reference))
    for (const body of ['not json', '[1]', JSON.stringify({ status: 'RESOLVED' }), JSON.stringify({ version: 1, category: 'NOPE' })]) {
      const res = await send(t.reference, body)
      expect(res.status).toBe(400)
      const json = await res.json()
      expect(json.error).toBe('invalid_request')
      expect(json.issues.length).toBeGreaterThan(0)
    }
    expect((await send('RL-NOPE', JSON.stringify({ version: 1, note: 'x' }))).status).toBe(404)
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ version: 1 })
  })
})
