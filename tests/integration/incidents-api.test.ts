import { describe, expect, it } from 'vitest'
import { GET as getIncidentRoute, PATCH as patchIncidentRoute } from '@/app/api/admin/incidents/[id]/route'
import { POST as reopenRoute } from '@/app/api/admin/incidents/[id]/reopen/route'
import { POST as resolveRoute } from '@/app/api/admin/incidents/[id]/resolve/route'
import { GET as listRoute } from '@/app/api/admin/incidents/route'
import { GET as getTicketRoute } from '@/app/api/admin/tickets/[reference]/route'
import { GET as publicListRoute } from '@/app/api/incidents/route'
import { POST as confirmRoute } from '@/app/api/reports/[reference]/confirmation/route'
import { GET as trackRoute } from '@/app/api/reports/[reference]/route'
import { createStaff } from '@/tests/support/factories'
import { fileReport, messages } from '@/tests/support/reports'
import { sessionCookie } from '@/tests/support/session'

// The incidents contract of issue 13, through the route handlers: paths, fields, status codes.

const base = 'http://localhost'
type Ctx = { params: Promise<Record<string, string>> }
const ctx = (params: Record<string, string>): Ctx => ({ params: Promise.resolve(params) })

async function asAgent(method: string, path: string, body?: unknown): Promise<Request> {
  const cookie = await sessionCookie(await createStaff())
  return new Request(`${base}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

describe('incidents API', () => {
  it('publish → public list and 201 → resolve → tracking → confirmation, with the contract’s codes', async () => {
    const first = await fileReport({ message: messages.SERVER_NOT_PUBLISHED, fullName: 'Zoé Privée', email: 'zoe@prive.test' })
    const id = (first.body.incident as { id: string }).id

    const list = await listRoute(await asAgent('GET', '/api/admin/incidents?status=OPEN'))
    expect(list.status).toBe(200)
    expect(list.headers.get('cache-control')).toBe('no-store')
    const item = ((await list.json()) as { items: Record<string, unknown>[] }).items.find((i) => i.id === id)
    expect(item).toMatchObject({ key: 'SERVER_NOT_PUBLISHED', category: 'SERVER_NOT_PUBLISHED', variant: null, status: 'OPEN', ticketCount: 1, openTicketCount: 1, confirmedCount: 0, stillBlockedCount: 0, published: false, publicMessage: null, version: 1 })
    expect((await listRoute(await asAgent('GET', '/api/admin/incidents?status=NOPE'))).status).toBe(400)

    expect((await patchIncidentRoute(await asAgent('PATCH', `/api/admin/incidents/${id}`, { version: 1, published: 'peut-être' }), ctx({ id }))).status).toBe(400)
    const patched = await patchIncidentRoute(await asAgent('PATCH', `/api/admin/incidents/${id}`, { version: 1, published: true, publicMessage: 'Serveur republié avant 9 h.' }), ctx({ id }))
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({ id, published: true, publicMessage: 'Serveur republié avant 9 h.', version: 2 })
    expect((await patchIncidentRoute(await asAgent('PATCH', `/api/admin/incidents/${id}`, { version: 1, published: false }), ctx({ id }))).status).toBe(409)

    const publicList = await (await publicListRoute(new Request(`${base}/api/incidents`))).json()
    expect(publicList.items).toContainEqual({ id, category: 'SERVER_NOT_PUBLISHED', label: expect.any(String), since: expect.any(String), message: 'Serveur republié avant 9 h.' })
    expect(JSON.stringify(publicList)).not.toMatch(/Zoé|prive\.test|RL-/)

    const second = await fileReport({ message: messages.SERVER_NOT_PUBLISHED })
    expect(second.body.incident).toEqual({ id, since: expect.any(String), message: 'Serveur republié avant 9 h.' })
    const ticket = await getTicketRoute(await asAgent('GET', `/api/admin/tickets/${second.reference}`), ctx({ reference: second.reference }))
    expect(await ticket.json()).toMatchObject({ incidentId: id })

    const confirmUrl = (f: { reference: string; token: string }, token = f.token) => `${base}/api/reports/${f.reference}/confirmation?t=${token}`
    const confirm = (f: { reference: string; token: string }, body: unknown, token?: string) =>
      confirmRoute(new Request(confirmUrl(f, token), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), ctx({ reference: f.reference }))
    expect((await confirm(first, { works: true })).status).toBe(409)

    const resolved = await resolveRoute(await asAgent('POST', `/api/admin/incidents/${id}/resolve`, { version: 2, message: 'Le serveur est republié : reconnectez-vous.' }), ctx({ id }))
    expect(resolved.status).toBe(200)
    expect(await resolved.json()).toMatchObject({ resolved: 2, incident: { id, status: 'RESOLVED', version: 3, openTicketCount: 0 } })
    expect((await resolveRoute(await asAgent('POST', `/api/admin/incidents/${id}/resolve`, { version: 3, message: 'x' }), ctx({ id }))).status).toBe(409)

    const tracked = await (await trackRoute(new Request(`${base}/api/reports/${first.reference}?t=${first.token}`), ctx({ reference: first.reference }))).json()
    expect(tracked).toMatchObject({ status: 'RESOLVED', publicMessage: 'Le serveur est republié : reconnectez-vous.' })

    expect((await confirm(first, { works: true }, 'x'.repeat(43))).status).toBe(404)
    const yes = await confirm(first, { works: true })
    expect(yes.status).toBe(200)
    expect(await yes.json()).toEqual({ status: 'RESOLVED', verified: true })
    const no = await confirm(second, { works: false, comment: 'Toujours la page 503.' })
    expect(await no.json()).toEqual({ status: 'NEW', verified: false })

    const detail = await (await getIncidentRoute(await asAgent('GET', `/api/admin/incidents/${id}`), ctx({ id }))).json()
    expect(detail).toMatchObject({ confirmedCount: 1, stillBlockedCount: 1, tickets: [{ reference: first.reference, status: 'RESOLVED' }] })
    expect(detail.history.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([
      ['OPENED', 1],
      ['NOTICE_PUBLISHED', 2],
      ['RESOLVED', 3],
      ['STILL_BLOCKED', 3],
    ])
    expect(detail.fix.resolution.menuPath).toEqual(expect.any(String))

    const reopened = await reopenRoute(await asAgent('POST', `/api/admin/incidents/${id}/reopen`, { version: 3 }), ctx({ id }))
    expect(reopened.status).toBe(200)
    expect(await reopened.json()).toMatchObject({ reopened: 0, incident: { status: 'OPEN', version: 4 } })
    expect((await getIncidentRoute(await asAgent('GET', '/api/admin/incidents/nope'), ctx({ id: 'nope' }))).status).toBe(404)
  })
})
