import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { deliverDue } from '@/lib/mail/deliver'
import { resolveIncident } from '@/lib/incidents/mutations'
import { confirmReport } from '@/lib/reports/confirmation'
import { createStaff } from '@/tests/support/factories'
import { fileReport, messages } from '@/tests/support/reports'
import { linksOf, startTestSmtp, type TestSmtp } from '../support/smtp'

// Issue 14 with incidents (issue 13): the staff alert when an incident reaches the threshold (once),
// and an incident resolved at once mails each of its people, with the question after resolution.

let smtp: TestSmtp
beforeAll(async () => {
  smtp = await startTestSmtp()
})
afterAll(async () => {
  await smtp.stop()
})

const deliver = () => smtp.withTransport((transport) => deliverDue(transport, { owner: 'incidents', claimSeconds: 60 }))
const incidentIdOf = (f: { body: Record<string, unknown> }) => (f.body.incident as { id: string }).id

describe('incident mail', () => {
  it('alerts staff once when the incident reaches 10 reports in 30 minutes', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const filed = []
    for (let i = 0; i < 9; i++) filed.push(await fileReport({ message: messages.SITE_UNAVAILABLE }))
    const id = incidentIdOf(filed[0]!)
    const alerts = () => db.outboxMessage.count({ where: { kind: 'INCIDENT_ALERT', to: admin.email } })
    expect(await alerts()).toBe(0)
    filed.push(await fileReport({ message: messages.SITE_UNAVAILABLE }))
    expect(await alerts()).toBe(1)
    for (let i = 0; i < 5; i++) await fileReport({ message: messages.SITE_UNAVAILABLE })
    expect(await alerts()).toBe(1)
    const before = smtp.received.length
    await deliver()
    const alert = smtp.received.slice(before).find((m) => (m.to as { text: string }).text === admin.email)!
    expect(alert.subject).toMatch(/^Relais : 10 signalements « /)
    expect(linksOf(alert).map((l) => l.pathname)).toContain(`/admin/incidents/${id}`)
  })

  it('with nobody to alert, queues nothing however large the incident grows; the first member who wants alerts gets one, with the whole window counted', async () => {
    await db.staffUser.updateMany({ data: { mailIncidentAlerts: false } })
    const filed = []
    for (let i = 0; i < 14; i++) filed.push(await fileReport({ message: messages.SERVER_NOT_PUBLISHED }))
    const id = incidentIdOf(filed[0]!)
    const alerts = () => db.outboxMessage.count({ where: { kind: 'INCIDENT_ALERT', dedupeKey: { startsWith: `incident-alert:${id}:` } } })
    expect(await alerts()).toBe(0)
    const member = await createStaff({ role: 'ADMIN' })
    await fileReport({ message: messages.SERVER_NOT_PUBLISHED })
    const rows = await db.outboxMessage.findMany({ where: { kind: 'INCIDENT_ALERT', dedupeKey: { startsWith: `incident-alert:${id}:` } } })
    expect(rows.map((r) => r.to)).toEqual([member.email])
    expect(await alerts()).toBe(1)
    const before = smtp.received.length
    await deliver()
    const alert = smtp.received.slice(before).find((m) => (m.to as { text: string }).text === member.email)!
    expect(alert.subject).toMatch(/^Relais : 15 signalements « /)
    await db.staffUser.updateMany({ data: { mailIncidentAlerts: true } })
  })

  it('resolving an incident mails each of its people once, with the link to answer "Pouvez-vous vous connecter maintenant ?"', async () => {
    const agent = await createStaff()
    const filed = await Promise.all(Array.from({ length: 12 }, () => fileReport({ message: messages.ESPACE_ACCESS_DISABLED })))
    const id = incidentIdOf(filed[0]!)
    await deliver() // the acknowledgements (and the alert)
    const { version } = await db.incident.findUniqueOrThrow({ where: { id } })
    expect(await resolveIncident(agent, id, { version, message: 'L’Espace Parents est ouvert.' })).toMatchObject({ ok: true, value: { resolved: 12 } })
    const rows = await db.outboxMessage.findMany({ where: { kind: 'STATUS_CHANGED', ticket: { incidentId: id } } })
    expect(rows).toHaveLength(12)
    const before = smtp.received.length
    await deliver()
    const mails = smtp.received.slice(before)
    for (const f of filed) {
      const mine = mails.filter((m) => m.subject === `Signalement ${f.reference} : résolu`)
      expect(mine).toHaveLength(1)
      const mail = mine[0]!
      expect(mail.text).toContain('Pouvez-vous vous connecter maintenant ?')
      expect(mail.text).not.toContain('L’Espace Parents est ouvert.')
      const answer = linksOf(mail).find((l) => l.hash === '#confirm-title')!
      expect(answer.pathname).toBe(`/suivi/${f.reference}`)
      // The link's token alone answers the question (no account).
      expect(await confirmReport(f.reference, answer.searchParams.get('t')!, { works: true })).toMatchObject({ ok: true, value: { verified: true } })
    }
  })
})
