import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as outboxGET } from '@/app/api/admin/outbox/route'
import { POST as reportPOST } from '@/pages/api/reports'
import { db } from '@/lib/db'
import { deliverDue } from '@/lib/mail/deliver'
import { retryOutbox } from '@/lib/mail/mutations'
import { getMailPreferences, saveMailPreferences } from '@/lib/mail/preferences'
import { alertIfIncidentReachedThreshold, enqueueIncidentAlert, queueDailyDigests } from '@/lib/mail/staff'
import { prismaSql } from '@/lib/db-write'
import { erasePersonalData } from '@/lib/privacy/person-data'
import { purgeClosedReports } from '@/lib/privacy/retention'
import { createStaff } from '../support/factories'
import { sessionCookie } from '../support/session'
import { startTestSmtp, type TestSmtp } from '../support/smtp'

// Issue 14: the outbox as ADMINs see it (no bodies), staff choices, privacy of the messages, and the
// purge / erasure clearing a person's rows.

let smtp: TestSmtp
beforeAll(async () => {
  smtp = await startTestSmtp()
})
afterAll(async () => {
  await smtp.stop()
})

async function fileReport(name: string, email: string, message: string) {
  const res = await reportPOST(
    new Request('http://localhost/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, fullName: name, profile: 'PARENT', email, login: `${name.split(' ')[0]!.toLowerCase()}.login` }),
    }),
  )
  expect(res.status).toBe(201)
  return (await res.json()) as { reference: string; trackingUrl: string }
}

const deliver = () => smtp.withTransport((transport) => deliverDue(transport, { owner: 'admin-test', claimSeconds: 60 }))

async function getOutbox(cookie: string, query = '') {
  return outboxGET(new Request(`http://localhost/api/admin/outbox${query}`, { headers: { cookie } }), { params: Promise.resolve({}) })
}

describe('GET /api/admin/outbox', () => {
  it('lists recipient, kind, ticket and state for an ADMIN, never a body or a token; refuses an agent', async () => {
    const report = await fileReport('Alix Liste', 'alix.liste@example.test', 'Votre identifiant ou votre mot de passe est incorrect')
    const admin = await createStaff({ role: 'ADMIN' })
    const res = await getOutbox(await sessionCookie(admin), '?state=PENDING&limit=200')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { items: Record<string, unknown>[]; nextCursor: string | null }
    const item = body.items.find((i) => i.ticketReference === report.reference)!
    expect(item).toEqual({
      id: expect.any(Number),
      kind: 'ACKNOWLEDGEMENT',
      to: 'alix.liste@example.test',
      ticketReference: report.reference,
      state: 'PENDING',
      attempts: 0,
      lastError: null,
      createdAt: expect.any(String),
      sentAt: null,
    })
    expect(JSON.stringify(body)).not.toContain(new URL(report.trackingUrl).searchParams.get('t'))
    expect((await getOutbox(await sessionCookie(await createStaff({ role: 'AGENT' })))).status).toBe(403)
    expect((await getOutbox(await sessionCookie(admin), '?state=LOST')).status).toBe(400)
  })

  it('pages with nextCursor; retry now makes a failed message pending and due', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    await deliver() // nothing else pending: the refusal below is this report's
    const report = await fileReport('Bao Relance', 'bao.relance@example.test', 'Votre identifiant ou votre mot de passe est incorrect')
    smtp.refuse(550, 1)
    await deliver()
    const row = await db.outboxMessage.findFirstOrThrow({ where: { ticket: { reference: report.reference } } })
    expect(row.state).toBe('FAILED')
    expect(await retryOutbox(await createStaff({ role: 'AGENT' }), { id: row.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await retryOutbox(admin, { id: row.id })).toEqual({ ok: true, value: { retried: 1 } })
    await deliver()
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: 'SENT' })
    const first = (await (await getOutbox(await sessionCookie(admin), '?limit=1')).json()) as { items: { id: number }[]; nextCursor: string }
    const second = (await (await getOutbox(await sessionCookie(admin), `?limit=1&cursor=${first.nextCursor}`)).json()) as { items: { id: number }[] }
    expect(second.items[0]!.id).toBeLessThan(first.items[0]!.id)
  })
})

describe('privacy of the messages', () => {
  it('a person’s mail carries neither their report’s text nor anything of another person', async () => {
    const a = await fileReport('Aurore Privée', 'aurore.privee@example.test', 'Mon message secret numéro un : Votre identifiant ou votre mot de passe est incorrect')
    const b = await fileReport('Basile Privé', 'basile.prive@example.test', 'Mon message secret numéro deux : Le site n’est pas disponible')
    const before = smtp.received.length
    await deliver()
    const mails = smtp.received.slice(before)
    const mailA = mails.find((m) => m.subject?.includes(a.reference))!
    const mailB = mails.find((m) => m.subject?.includes(b.reference))!
    for (const [mail, own, other] of [
      [mailA, a, { ...b, name: 'Basile', email: 'basile.prive@example.test', login: 'basile.login' }],
      [mailB, b, { ...a, name: 'Aurore', email: 'aurore.privee@example.test', login: 'aurore.login' }],
    ] as const) {
      const whole = `${mail.subject}\n${mail.text}\n${mail.html}\n${JSON.stringify(mail.headers)}`
      expect(whole).not.toContain('Mon message secret')
      for (const value of [other.reference, other.name, other.email, other.login, new URL(other.trackingUrl).searchParams.get('t')!]) expect(whole).not.toContain(value)
      expect(whole).toContain(own.reference)
    }
  })

  it('the retention purge and the erasure of a person delete their outbox rows', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const erased = await fileReport('Céleste Effacée', 'celeste.effacee@example.test', 'Votre identifiant ou votre mot de passe est incorrect')
    const purged = await fileReport('Dorian Purgé', 'dorian.purge@example.test', 'Votre identifiant ou votre mot de passe est incorrect')
    expect(await erasePersonalData(admin, { kind: 'email', value: 'celeste.effacee@example.test' })).toMatchObject({ ok: true })
    expect(await db.outboxMessage.count({ where: { to: 'celeste.effacee@example.test' } })).toBe(0)
    const longAgo = new Date(Date.now() - 400 * 24 * 60 * 60 * 1000)
    await db.ticket.update({ where: { reference: purged.reference }, data: { status: 'RESOLVED', closedAt: longAgo } })
    await purgeClosedReports(365)
    expect(await db.outboxMessage.count({ where: { to: 'dorian.purge@example.test' } })).toBe(0)
    expect(await db.ticket.findUniqueOrThrow({ where: { reference: erased.reference } })).toMatchObject({ email: null })
  })
})

describe('staff messages', () => {
  it('each member chooses: alerts on by default, the daily digest off by default', async () => {
    const agent = await createStaff()
    expect(await getMailPreferences(agent)).toEqual({ incidentAlerts: true, dailyDigest: false })
    expect(await saveMailPreferences(agent, { incidentAlerts: null, dailyDigest: 'on' })).toEqual({ ok: true, value: { incidentAlerts: false, dailyDigest: true } })
    expect(await getMailPreferences(agent)).toEqual({ incidentAlerts: false, dailyDigest: true })
  })

  it('the daily digest goes once a day, from 7:00 Paris time, to those who asked', async () => {
    const wants = await createStaff()
    await saveMailPreferences(wants, { dailyDigest: 'on', incidentAlerts: 'on' })
    const early = new Date('2026-12-03T05:00:00Z') // 6:00 in Paris
    expect(await queueDailyDigests(early)).toBe(0)
    const morning = new Date('2026-12-03T07:30:00Z')
    const queued = await queueDailyDigests(morning)
    expect(queued).toBeGreaterThanOrEqual(1)
    expect(await queueDailyDigests(morning)).toBe(0)
    expect(await db.outboxMessage.count({ where: { kind: 'DAILY_DIGEST', to: wants.email } })).toBe(1)
  })

  it('an incident alert is queued once per incident and member who wants alerts', async () => {
    const wants = await createStaff()
    const declines = await createStaff()
    await saveMailPreferences(declines, { incidentAlerts: null, dailyDigest: null })
    const alert = { incidentId: 'incident-test-1', label: 'Le site n’est pas disponible', count: 10, windowMinutes: 30, path: '/admin' }
    await db.$transaction((tx) => enqueueIncidentAlert(prismaSql(tx), alert))
    await db.$transaction((tx) => enqueueIncidentAlert(prismaSql(tx), { ...alert, count: 11 }))
    expect(await db.outboxMessage.count({ where: { kind: 'INCIDENT_ALERT', to: wants.email } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { kind: 'INCIDENT_ALERT', to: declines.email } })).toBe(0)
    const before = smtp.received.length
    await deliver()
    const mail = smtp.received.slice(before).find((m) => (m.to as { text: string }).text === wants.email)!
    expect(mail.subject).toBe('Relais : 10 signalements « Le site n’est pas disponible »')
  })

  it('the threshold (default 10 reports in 30 minutes) decides when an incident alerts', async () => {
    const wants = await createStaff()
    const incident = { id: 'incident-threshold', label: 'Erreur 503', path: '/admin' }
    expect(await db.$transaction((tx) => alertIfIncidentReachedThreshold(prismaSql(tx), { ...incident, reportsInWindow: 9 }))).toBe(0)
    expect(await db.$transaction((tx) => alertIfIncidentReachedThreshold(prismaSql(tx), { ...incident, reportsInWindow: 10 }))).toBeGreaterThanOrEqual(1)
    expect(await db.outboxMessage.findFirstOrThrow({ where: { kind: 'INCIDENT_ALERT', to: wants.email } })).toMatchObject({
      params: JSON.stringify({ incidentId: 'incident-threshold', label: 'Erreur 503', count: 10, windowMinutes: 30, path: '/admin' }),
    })
  })
})
