import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as reportPOST } from '@/pages/api/reports'
import { GET as trackGET } from '@/app/api/reports/[reference]/route'
import { db } from '@/lib/db'
import { groupCommit, prismaSql } from '@/lib/db-write'
import { deliverDue } from '@/lib/mail/deliver'
import { enqueueAcknowledgement, mailStatusChange } from '@/lib/mail/outbox'
import { getOutboxSummary } from '@/lib/mail/queries'
import { changeTicketStatuses } from '@/lib/tickets/close'
import { createTicket } from '@/lib/tickets/create'
import { bulkUpdateTickets, updateTicket } from '@/lib/tickets/mutations'
import { createStaff, createTicketRow } from '../support/factories'
import { linksOf, startTestSmtp, type TestSmtp } from '../support/smtp'

// Issue 14: the outbox is written with the change that causes it and delivered over real SMTP.
// No APP_ORIGIN here: the request's origin and the mailed links must then agree through NEXTAUTH_URL.

let smtp: TestSmtp
beforeAll(async () => {
  smtp = await startTestSmtp()
})
afterAll(async () => {
  await smtp.stop()
})

const origin = 'http://localhost:3000'
let people = 0

async function fileReport(email: string | null, message = 'Votre identifiant ou votre mot de passe est incorrect') {
  const n = ++people
  const res = await reportPOST(
    new Request(`${origin}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, fullName: `Personne Mail ${n}`, profile: 'PARENT', email, occurredAt: '2026-09-01T08:30' }),
    }),
  )
  expect(res.status).toBe(201)
  return (await res.json()) as { reference: string; trackingUrl: string }
}

const deliverAt = (owner: string, now?: () => Date, batch?: number) =>
  smtp.withTransport((transport) => deliverDue(transport, { owner, claimSeconds: 60, ...(now ? { now } : {}), ...(batch ? { batch } : {}) }))
const deliver = (owner = 'test') => deliverAt(owner)
const outboxOf = (reference: string) => db.outboxMessage.findMany({ where: { ticket: { reference } }, orderBy: { id: 'asc' } })

describe('the acknowledgement', () => {
  it('is queued with the report, and arrives once, to the person, with the API’s tracking link that opens the report', async () => {
    const report = await fileReport('camille.ack@example.test')
    const [row] = await outboxOf(report.reference)
    expect(row).toMatchObject({ kind: 'ACKNOWLEDGEMENT', to: 'camille.ack@example.test', state: 'PENDING', attempts: 0 })
    // The token is stored sealed, never in clear.
    expect(row!.sealedToken).not.toContain(new URL(report.trackingUrl).searchParams.get('t'))

    const before = smtp.received.length
    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 })
    const mail = smtp.received[before]!
    expect(mail.to).toMatchObject({ text: 'camille.ack@example.test' })
    expect(mail.subject).toBe(`Signalement ${report.reference} bien reçu`)
    expect(mail.messageId).toBe(row!.messageId)
    expect(mail.html).toContain(report.reference)
    const link = linksOf(mail).find((l) => l.pathname.startsWith('/suivi/'))!
    expect(link.href).toBe(report.trackingUrl)
    const opened = await trackGET(new Request(`${origin}/api/reports/${report.reference}?t=${link.searchParams.get('t')}`), {
      params: Promise.resolve({ reference: report.reference }),
    })
    expect(opened.status).toBe(200)
    expect(await opened.json()).toMatchObject({ reference: report.reference })
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ state: 'SENT', attempts: 1, claimedBy: null })
    // Nothing left to send: a second pass sends nothing again.
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 })
  })

  it('is not queued without an e-mail', async () => {
    const report = await fileReport(null)
    expect(await outboxOf(report.reference)).toEqual([])
  })

  it('is rolled back with its report: a failed savepoint queues nothing', async () => {
    const before = await db.outboxMessage.count()
    const thrown = groupCommit(async (sql) => {
      const ticketId = await createTicket(sql, {
        reference: 'RL-ROLL-BACK', trackingTokenHash: 'h', message: 'm', fullName: 'n', profile: 'PARENT', email: 'y@example.test',
        establishment: null, login: null, entName: null, entLogin: null, url: null, occurredAt: new Date(), category: 'UNKNOWN', variant: null, confidence: 0, evidence: '[]',
      })
      await enqueueAcknowledgement(sql, { ticketId, reference: 'RL-ROLL-BACK', email: 'y@example.test', token: 't', selfHelp: null, whoActs: '' })
      throw new Error('the change fails after its message was queued')
    })
    await expect(thrown).rejects.toThrow('the change fails')
    expect(await db.outboxMessage.count()).toBe(before)
    expect(await db.ticket.count({ where: { reference: 'RL-ROLL-BACK' } })).toBe(0)
  })
})

describe('a status change', () => {
  it('that carries a public message queues one message for the ticket; without one, none', async () => {
    const agent = await createStaff()
    const report = await fileReport('dominique.status@example.test')
    const ticket = await db.ticket.findUniqueOrThrow({ where: { reference: report.reference } })
    expect(await updateTicket(agent, report.reference, { version: 1, status: 'IN_PROGRESS' }, mailStatusChange)).toMatchObject({ ok: true })
    expect((await outboxOf(report.reference)).map((r) => r.kind)).toEqual(['ACKNOWLEDGEMENT'])
    const resolved = await updateTicket(agent, report.reference, { version: 2, status: 'RESOLVED', publicMessage: 'Votre accès est rétabli.' }, mailStatusChange)
    expect(resolved).toMatchObject({ ok: true })
    const rows = await outboxOf(report.reference)
    expect(rows.map((r) => [r.kind, r.to, JSON.parse(r.params).status])).toEqual([
      ['ACKNOWLEDGEMENT', 'dominique.status@example.test', undefined],
      ['STATUS_CHANGED', 'dominique.status@example.test', 'RESOLVED'],
    ])
    const before = smtp.received.length
    await deliver()
    const mail = smtp.received.slice(before).find((m) => m.messageId === rows[1]!.messageId)!
    expect(mail.subject).toBe(`Signalement ${report.reference} : résolu`)
    expect(mail.text).toContain('Pouvez-vous vous connecter maintenant ?')
    // The message is announced, not mailed; the link is the same tracking link.
    expect(mail.text).not.toContain('Votre accès est rétabli.')
    expect(linksOf(mail).map((l) => l.href)).toContain(report.trackingUrl)
    expect(ticket.email).toBe('dominique.status@example.test')
  })

  it('in bulk queues one message per ticket', async () => {
    const agent = await createStaff()
    const tickets = await Promise.all([1, 2, 3].map((i) => createTicketRow({ email: `bulk${i}@example.test`, publicMessage: 'Nous regardons.' })))
    const result = await bulkUpdateTickets(agent, { action: 'status', status: 'IN_PROGRESS', items: tickets.map((t) => `${t.reference}:1`) }, mailStatusChange)
    expect(result).toMatchObject({ ok: true, value: { applied: 3 } })
    const rows = await db.outboxMessage.findMany({ where: { ticketId: { in: tickets.map((t) => t.id) } } })
    expect(rows.map((r) => r.to).sort()).toEqual(['bulk1@example.test', 'bulk2@example.test', 'bulk3@example.test'])
  })

  it('made by another domain queues one message per ticket, and nothing when its transaction rolls back', async () => {
    const agent = await createStaff()
    const tickets = await Promise.all([1, 2].map((i) => createTicketRow({ email: `close${i}@example.test`, establishment: 'ROLLBACK-TEST' })))
    const before = await db.outboxMessage.count()
    const change = { where: { establishment: 'ROLLBACK-TEST' }, status: 'RESOLVED' as const, publicMessage: () => 'Réglé.', note: 'test', follow: mailStatusChange }
    await expect(
      db.$transaction(async (tx) => {
        await changeTicketStatuses(tx, agent, change)
        throw new Error('the deciding domain fails')
      }),
    ).rejects.toThrow('the deciding domain fails')
    expect(await db.outboxMessage.count()).toBe(before)
    await db.$transaction((tx) => changeTicketStatuses(tx, agent, change))
    expect(await db.outboxMessage.count({ where: { ticketId: { in: tickets.map((t) => t.id) }, kind: 'STATUS_CHANGED' } })).toBe(2)
  })
})

describe('delivery faults', () => {
  it('a 421 then acceptance: the message arrives once, after a retry', async () => {
    await deliver() // nothing else due
    const report = await fileReport('retry.421@example.test')
    smtp.refuse(421, 1)
    expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 })
    const [row] = await outboxOf(report.reference)
    expect(row).toMatchObject({ state: 'PENDING', attempts: 1, lastError: expect.stringContaining('421') })
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
    const later = () => new Date(Date.now() + 60_000)
    expect(await deliverAt('later', later)).toEqual({ sent: 1, retried: 0, failed: 0 })
    expect(smtp.received.filter((m) => m.subject?.includes(report.reference))).toHaveLength(1)
  })

  it('a 5xx or an invalid address is a permanent failure, with its reason', async () => {
    const rejected = await fileReport('rejected.550@example.test')
    const invalid = await createTicketRow({ email: 'pas une adresse', publicMessage: 'Vu.' })
    await db.$transaction((tx) => mailStatusChange(prismaSql(tx), { ticketId: invalid.id, status: 'IN_PROGRESS' }))
    smtp.refuse(550, 1)
    expect(await deliver()).toMatchObject({ sent: 0, failed: 2 })
    expect((await outboxOf(rejected.reference))[0]).toMatchObject({ state: 'FAILED', lastError: expect.stringContaining('550') })
    expect((await db.outboxMessage.findFirstOrThrow({ where: { ticketId: invalid.id } })).lastError).toBe('Adresse invalide')
  })

  it('the SMTP server down at start, then up: everything queued is delivered', async () => {
    const reports = [await fileReport('down1@example.test'), await fileReport('down2@example.test'), await fileReport('down3@example.test')]
    await smtp.stop()
    const down = await deliver()
    expect(down.sent).toBe(0)
    expect(down.retried).toBeGreaterThan(0)
    await smtp.listen()
    const later = () => new Date(Date.now() + 5 * 60_000)
    await deliverAt('after-restart', later)
    for (const r of reports) expect(smtp.received.filter((m) => m.subject?.includes(r.reference))).toHaveLength(1)
  })

  it('gives up after 24 hours of temporary failures', async () => {
    const report = await fileReport('late@example.test')
    await smtp.stop()
    const dayLater = () => new Date(Date.now() + 25 * 60 * 60_000)
    expect(await deliverAt('late', dayLater)).toMatchObject({ failed: 1 })
    await smtp.listen()
    expect((await outboxOf(report.reference))[0]).toMatchObject({ state: 'FAILED', lastError: expect.stringMatching(/^Abandonné après 24 h/) })
  })

  it('two workers at once never send a message twice (the claim)', async () => {
    const reports = await Promise.all(Array.from({ length: 30 }, (_, i) => fileReport(`claim${i}@example.test`)))
    const before = smtp.received.length
    const [a, b] = await Promise.all([
      deliverAt('a', undefined, 5),
      deliverAt('b', undefined, 5),
    ])
    expect(a.sent + b.sent).toBe(30)
    const subjects = smtp.received.slice(before).map((m) => m.subject)
    for (const r of reports) expect(subjects.filter((s) => s?.includes(r.reference))).toHaveLength(1)
  })

  it('an expired claim (a crashed worker) is taken again; a live one is not', async () => {
    const report = await fileReport('crash@example.test')
    const [row] = await outboxOf(report.reference)
    await db.outboxMessage.update({ where: { id: row!.id }, data: { claimedBy: 'dead', claimedUntil: new Date(Date.now() + 60_000) } })
    expect(await deliver()).toMatchObject({ sent: 0 })
    const afterExpiry = () => new Date(Date.now() + 2 * 60_000)
    expect(await deliverAt('next', afterExpiry)).toMatchObject({ sent: 1 })
  })
})

describe('without SMTP_URL', () => {
  it('messages wait in the outbox and the summary says SMTP is not configured', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    await fileReport('waiting@example.test')
    const summary = await getOutboxSummary(admin)
    expect(summary).toMatchObject({ ok: true, value: { smtpConfigured: false } })
    expect(summary.ok && summary.value.counts.PENDING).toBeGreaterThan(0)
  })
})
