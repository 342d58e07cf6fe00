import { describe, expect, it, vi } from 'vitest'
import { GET as listEntFailures } from '@/app/api/admin/ent-failures/route'
import { GET as getTicket, PATCH as patchTicket } from '@/app/api/admin/tickets/[reference]/route'
import { GET as listTickets } from '@/app/api/admin/tickets/route'
import { POST as authPOST } from '@/app/api/auth/[...nextauth]/route'
import { authLogger } from '@/lib/auth/logger'
import { listTickets as listTicketsQuery } from '@/lib/tickets/list'
import { createStaff, createTicketRow } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

// Issue 11, finding 7 (informational): admin JSON is never cached, an impossible date is refused in
// French, and malformed session cookies or sign-in bodies cost one log line, not a stack trace.
// tests/security/edge-server.test.ts checks the same against the production server.

const base = 'http://localhost'
const context = (reference: string) => ({ params: Promise.resolve({ reference }) })

describe('admin JSON answers are never cached', () => {
  it('sends Cache-Control: no-store on every admin API answer, success and failure', async () => {
    const agent = await createStaff()
    const cookie = await sessionCookie(agent)
    const ticket = await createTicketRow()
    const json = { cookie, 'content-type': 'application/json' }
    const answers = [
      await listTickets(new Request(`${base}/api/admin/tickets`, { headers: { cookie } })),
      await listTickets(new Request(`${base}/api/admin/tickets`)),
      await listTickets(new Request(`${base}/api/admin/tickets?status=NOPE`, { headers: { cookie } })),
      await getTicket(new Request(`${base}/api/admin/tickets/${ticket.reference}`, { headers: { cookie } }), context(ticket.reference)),
      await getTicket(new Request(`${base}/api/admin/tickets/RL-0000-0000`, { headers: { cookie } }), context('RL-0000-0000')),
      await patchTicket(
        new Request(`${base}/api/admin/tickets/${ticket.reference}`, { method: 'PATCH', headers: json, body: JSON.stringify({ version: ticket.version, note: 'Vu' }) }),
        context(ticket.reference),
      ),
      await listEntFailures(new Request(`${base}/api/admin/ent-failures`, { headers: { cookie } })),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 200, 404, 200, 200])
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store')
  })
})

describe('the queue refuses dates that do not exist', () => {
  it.each(['2026-99-99', '2026-02-30', '2026-13-01', '2026-00-10'])('from=%s → 400 with a French message on the field', async (day) => {
    const agent = await createStaff()
    const res = await listTickets(new Request(`${base}/api/admin/tickets?from=${day}`, { headers: { cookie: await sessionCookie(agent) } }))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      issues: [{ path: ['from'], message: expect.stringMatching(/n’existe pas/) }],
    })
    // The /admin page shows the same field error beside the "from" filter (QueueFilters).
    const page = await listTicketsQuery(agent, { to: day })
    expect(page.ok ? null : page.fieldErrors?.to).toEqual([expect.stringMatching(/jour du calendrier/)])
  })

  it('still accepts real days, 29 February of a leap year included', async () => {
    const agent = await createStaff()
    const res = await listTickets(
      new Request(`${base}/api/admin/tickets?from=2028-02-29&to=2028-03-01`, { headers: { cookie: await sessionCookie(agent) } }),
    )
    expect(res.status).toBe(200)
  })
})

describe('malformed sign-in bodies and session cookies log one line', () => {
  it('answers 400 to malformed sign-in JSON with one warning line and no stack', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const res = await authPOST(
        new Request(`${base}/api/auth/callback/credentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' }),
        { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) },
      )
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: [], message: expect.stringMatching(/JSON/) }] })
      expect(warn).toHaveBeenCalledTimes(1)
      const line = warn.mock.calls[0]!.map(String).join(' ')
      expect(line).not.toContain('\n')
      expect(line).toContain('/api/auth/callback/credentials')
    } finally {
      warn.mockRestore()
    }
  })

  it('writes a next-auth error (a forged or truncated session cookie) as one line, without its stack', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const thrown = new Error('Invalid Compact JWE')
      authLogger.error!('JWT_SESSION_ERROR', { error: thrown, message: thrown.message } as never)
      authLogger.error!('JWT_SESSION_ERROR', thrown as never)
      expect(error.mock.calls.map((c) => c.map(String).join(' '))).toEqual([
        '[auth] JWT_SESSION_ERROR : Invalid Compact JWE',
        '[auth] JWT_SESSION_ERROR : Invalid Compact JWE',
      ])
    } finally {
      error.mockRestore()
    }
  })
})
