import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { erasePersonalData, exportPersonalData } from '@/lib/privacy/person-data'
import { purgeClosedReports } from '@/lib/privacy/retention'
import { createStaff, createTicketRow } from '@/tests/support/factories'

const DAY = 24 * 60 * 60 * 1000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY)

async function closedTicket(days: number, status = 'RESOLVED', extra: Record<string, unknown> = {}) {
  const ticket = await createTicketRow({
    status,
    closedAt: daysAgo(days),
    email: 'parent.secret@example.test',
    login: 'secret.login',
    entLogin: 'ent.secret',
    entName: 'Mon ENT',
    url: 'https://secret.example.test/pronote',
    establishment: 'Collège Jean Moulin',
    ...extra,
  })
  await db.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      type: 'UPDATED',
      note: 'Appelé Camille au 06 12 34 56 78',
      before: JSON.stringify({ status: 'NEW', fullName: ticket.fullName }),
      after: JSON.stringify({ status, email: 'parent.secret@example.test' }),
    },
  })
  return ticket
}

describe('retention purge', () => {
  it('anonymises closed reports older than the period, keeps statistics, leaves the rest alone', async () => {
    const old = await closedTicket(400)
    const oldRejected = await closedTicket(500, 'REJECTED')
    const recent = await closedTicket(10)
    const openOld = await createTicketRow({ status: 'IN_PROGRESS', createdAt: daysAgo(800), email: 'open@example.test' })

    const summary = await purgeClosedReports(365)
    expect(summary.anonymised).toBe(2)

    for (const t of [old, oldRejected]) {
      const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { events: true } })
      expect(row).toMatchObject({
        message: '[effacé]',
        fullName: '[effacé]',
        email: null,
        login: null,
        entLogin: null,
        entName: null,
        url: null,
        category: t.category,
        profile: t.profile,
        establishment: 'Collège Jean Moulin',
        status: t.status,
      })
      expect(row.createdAt).toEqual(t.createdAt)
      expect(row.anonymizedAt).toBeInstanceOf(Date)
      const history = JSON.stringify(row.events)
      expect(history).not.toMatch(/secret|Camille|06 12/)
      expect(JSON.parse(row.events[0]!.after!)).toEqual({ status: t.status })
    }
    expect((await db.ticket.findUniqueOrThrow({ where: { id: recent.id } })).email).toBe('parent.secret@example.test')
    expect((await db.ticket.findUniqueOrThrow({ where: { id: openOld.id } })).email).toBe('open@example.test')

    expect((await purgeClosedReports(365)).anonymised).toBe(0)
  })

  it('runs as `npm run purge -- --older-than 5d` and refuses a malformed period', async () => {
    const t = await closedTicket(6)
    const env = { ...process.env, NODE_ENV: 'test' as const }
    const root = path.resolve(__dirname, '../..')
    const tsx = path.join(root, 'node_modules/.bin/tsx')
    const out = execFileSync(tsx, ['--conditions=react-server', 'scripts/purge.ts', '--older-than', '5d'], { cwd: root, env, encoding: 'utf8' })
    expect(out).toMatch(/\d+ signalement\(s\) clos/)
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).anonymizedAt).not.toBeNull()
    expect(() =>
      execFileSync(tsx, ['--conditions=react-server', 'scripts/purge.ts', '--older-than', 'forever'], { cwd: root, env, stdio: 'pipe' }),
    ).toThrow()
  })
})

describe('export and erasure on request', () => {
  it('exports every ticket of an e-mail (case-insensitive), records EXPORTED with no personal data', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const a = await createTicketRow({ email: 'Eve.Durand@Example.test', login: 'e.durand' })
    const b = await createTicketRow({ email: 'eve.durand@example.test' })
    const other = await createTicketRow({ email: 'someone@example.test' })

    const result = await exportPersonalData(admin, { kind: 'email', value: 'EVE.DURAND@example.test' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.tickets.map((t) => t.reference).sort()).toEqual([a.reference, b.reference].sort())
    expect(JSON.stringify(result.value)).not.toContain('trackingTokenHash')

    const events = await db.ticketEvent.findMany({ where: { type: 'EXPORTED' } })
    expect(events.map((e) => e.ticketId).sort()).toEqual([a.id, b.id].sort())
    for (const e of events) expect([e.actorId, e.note, e.before, e.after]).toEqual([admin.id, null, null, null])
    expect(await db.ticketEvent.count({ where: { ticketId: other.id } })).toBe(0)
  })

  it('erases by login or ENT login, records ERASED by the admin, leaves others intact', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const byLogin = await createTicketRow({ login: 'Jules.Petit', email: 'jules@example.test' })
    const byEnt = await createTicketRow({ entLogin: 'jules.petit', entName: 'ENT Région' })
    const other = await createTicketRow({ login: 'jules.petit2' })

    const result = await erasePersonalData(admin, { kind: 'login', value: 'jules.petit' })
    expect(result).toEqual({ ok: true, value: { erased: 2 } })
    for (const t of [byLogin, byEnt]) {
      const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { events: true } })
      expect(row).toMatchObject({ fullName: '[effacé]', message: '[effacé]', login: null, entLogin: null, email: null })
      expect(row.events).toEqual([expect.objectContaining({ type: 'ERASED', actorId: admin.id, note: null, before: null, after: null })])
    }
    expect((await db.ticket.findUniqueOrThrow({ where: { id: other.id } })).login).toBe('jules.petit2')

    // Erased data is gone from a later export.
    const again = await exportPersonalData(admin, { kind: 'login', value: 'jules.petit' })
    expect(again.ok && again.value.tickets).toEqual([])
  })

  it('finds a login whatever the case of its accented letters, on both providers', async () => {
    // SQLite's lower() folds ASCII only: 'Élodie' would stay 'Élodie' and never match.
    const admin = await createStaff({ role: 'ADMIN' })
    const byLogin = await createTicketRow({ login: 'Élodie.Bérard' })
    const byEnt = await createTicketRow({ entLogin: 'ÉLODIE.BÉRARD', entName: 'ENT Région' })
    await createTicketRow({ login: 'elodie.berard' })

    const exported = await exportPersonalData(admin, { kind: 'login', value: 'élodie.bérard' })
    expect(exported.ok && exported.value.tickets.map((t) => t.reference).sort()).toEqual([byLogin.reference, byEnt.reference].sort())
    expect(await erasePersonalData(admin, { kind: 'login', value: 'ÉLODIE.Bérard' })).toEqual({ ok: true, value: { erased: 2 } })
  })

  it('is ADMIN-only and validates its input', async () => {
    const agent = await createStaff({ role: 'AGENT' })
    const t = await createTicketRow({ email: 'agent-cannot@example.test' })
    expect(await exportPersonalData(agent, { kind: 'email', value: 'agent-cannot@example.test' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await erasePersonalData(agent, { kind: 'email', value: 'agent-cannot@example.test' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).email).toBe('agent-cannot@example.test')
    expect(await db.ticketEvent.count({ where: { ticketId: t.id } })).toBe(0)

    const admin = await createStaff({ role: 'ADMIN' })
    for (const bad of [null, {}, { kind: 'phone', value: 'x' }, { kind: 'email', value: ' ' }, { kind: 'login', value: 'x'.repeat(300) }]) {
      expect(await erasePersonalData(admin, bad)).toMatchObject({ ok: false, code: 'VALIDATION' })
    }
  })
})
