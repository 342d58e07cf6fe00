import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linksOf, startTestSmtp, type TestSmtp } from '../support/smtp'
import { startServer, stopServer, type ServerHandle } from './support/production-server'

// Issue 14 against the real production server, its delivery worker and a real SMTP server in this
// process: the acknowledgement arrives with a tracking link that opens the report; a SIGKILL during
// a batch of 300 sends loses none after a restart, duplicates at most the messages in flight (a
// claimed batch); the server's log names no address and no token. One file: one build.

const PORT = Number(process.env.SECURITY_SERVER_PORT || 3109)
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, '')
const CLAIM_BATCH = 20 // lib/mail/deliver.ts: the rows one worker claims (and sends) at once
let server: ServerHandle | undefined
let smtp: TestSmtp
const logs: string[] = []
const tokens: string[] = []

const mailEnv = () => ({ SMTP_URL: smtp.url, MAIL_POLL_MS: '200', MAIL_CLAIM_SECONDS: '3', MAIL_FROM: 'Relais <relais@example.test>' })

async function fileReport(i: number, tag: string) {
  const res = await fetch(`${server!.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: `Votre identifiant ou votre mot de passe est incorrect (${tag} ${i})`, fullName: `Personne ${tag} ${i}`, profile: 'PARENT', email: `mail.${tag}.${i}@example.test` }),
  })
  expect(res.status).toBe(201)
  const body = (await res.json()) as { reference: string; trackingUrl: string }
  tokens.push(new URL(body.trackingUrl).searchParams.get('t')!)
  return { ...body, at: performance.now() }
}

beforeAll(async () => {
  smtp = await startTestSmtp()
  server = await startServer({ port: PORT, dbFile, env: mailEnv() })
}, 300_000)

afterAll(async () => {
  await stopServer(server, 'SIGKILL')
  await smtp.stop()
})

describe('mail from the production server', () => {
  it('mails the acknowledgement within moments; its link opens the tracking page', async () => {
    const before = smtp.received.length
    const report = await fileReport(0, 'ack')
    const [mail] = (await smtp.waitFor(before + 1)).slice(before)
    expect(mail!.to).toMatchObject({ text: 'mail.ack.0@example.test' })
    expect(mail!.subject).toBe(`Signalement ${report.reference} bien reçu`)
    const link = linksOf(mail!).find((l) => l.pathname.startsWith('/suivi/'))!
    expect(link.href).toBe(report.trackingUrl)
    const page = await fetch(link)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(report.reference)
  })

  it('a SIGKILL during a batch of 300 sends, then a restart: every message arrives, duplicates at most those in flight', async () => {
    const before = smtp.received.length
    const reports: { reference: string }[] = []
    // All 300 answered 201 before the kill; delivery starts with the first.
    for (let i = 0; i < 300; i += 25) reports.push(...(await Promise.all(Array.from({ length: 25 }, (_, j) => fileReport(i + j, 'burst')))))
    await smtp.waitFor(before + 1)
    const sentBeforeKill = smtp.received.length - before
    server!.child.kill('SIGKILL')
    await server!.exited
    logs.push(server!.log())
    expect(sentBeforeKill).toBeLessThan(300)

    server = await startServer({ port: PORT, dbFile, full: false, env: mailEnv() })
    const deadline = Date.now() + 120_000
    const arrived = () => new Set(smtp.received.slice(before).map((m) => m.subject))
    while (reports.some((r) => !arrived().has(`Signalement ${r.reference} bien reçu`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    for (const r of reports) expect(arrived().has(`Signalement ${r.reference} bien reçu`), r.reference).toBe(true)
    const received = smtp.received.slice(before)
    const duplicates = received.length - reports.length
    expect(duplicates).toBeLessThanOrEqual(CLAIM_BATCH)
    // A duplicate carries its row's Message-ID: a mail client drops it.
    expect(new Set(received.map((m) => m.messageId)).size).toBe(reports.length)
    console.info(`mail SIGKILL: ${sentBeforeKill} sent before the kill, ${duplicates} duplicate(s) after the restart`)
  }, 240_000)

  it('the server log names no address and no token', async () => {
    logs.push(server!.log())
    const log = logs.join('\n')
    expect(log).not.toMatch(/@example\.test/)
    for (const token of tokens) expect(log).not.toContain(token)
    expect(log).toMatch(/E-mails : \d+ envoyé/)
  })

  it('SIGTERM stops the delivery worker with the server: exit 0', async () => {
    server!.child.kill('SIGTERM')
    expect(await server!.exited).toBe(0)
  })
})
