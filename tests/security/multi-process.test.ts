import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { db } from '@/lib/db'
import { startTestSmtp, type TestSmtp } from '../support/smtp'
import { startServer, stopServer, type ServerHandle } from './support/production-server'
import { heldRequest } from './support/raw-http'

// Several app processes on one PostgreSQL database (issue 18): three production servers (the
// production build, scripts/start.mjs then scripts/server.mjs) share this file's database, every
// request goes to the next server in turn (round robin, as a proxy would), and each server runs its
// mail worker against one SMTP server in this process. Checked: reports acknowledged once and all
// stored, one person's limit held by whichever process answers, one incident for a surge, every
// outbox row sent once, and nothing lost that a SIGKILLed process had acknowledged.
// PostgreSQL only: on SQLite one process serves the app (its limits and caches are in memory by
// design), so there is no second process to check against.
const postgres = inject('testDatabase').provider === 'postgresql'
const FIRST_PORT = Number(process.env.SECURITY_SERVER_PORT || 3109) + 2
const PROCESSES = 3

let servers: ServerHandle[] = []
let smtp: TestSmtp
let turn = 0
const next = () => servers[turn++ % servers.length]!

const serverEnv = () => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  RATE_LIMIT_REPORTS_PER_PERSON: '5',
  SMTP_URL: smtp.url,
  MAIL_POLL_MS: '200',
  // The default claim (120 s): a batch claimed for less than it takes to send under load is taken
  // again by another worker and sent twice (at least once, by design), which is not what this checks.
  MAIL_FROM: 'Relais <relais@example.test>',
})

interface Sent {
  message: string
  fullName: string
  profile: string
  email: string
  login: string
}

const person = (tag: string, i: number, message = `Votre identifiant ou votre mot de passe est incorrect (${tag} ${i})`): Sent => ({
  message,
  fullName: `Personne ${tag} ${i}`,
  profile: 'PARENT',
  email: `${tag}.${i}@example.test`,
  login: `login.${tag}.${i}`,
})

/** Posts a report to `server`: its status and, for a 201, the reference. */
async function post(server: ServerHandle, body: Sent): Promise<{ status: number; reference?: string }> {
  const res = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (res.status !== 201) return { status: res.status }
  return { status: 201, reference: ((await res.json()) as { reference: string }).reference }
}

/** Runs `work` for 0…count-1 with at most `concurrency` at once. */
async function pooled<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let index = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = index++; i < count; i = index++) results[i] = await work(i)
  }))
  return results
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

beforeAll(async () => {
  if (!postgres) return
  smtp = await startTestSmtp()
  // The first through npm start's script (migrations, build when stale), the others on the same build.
  servers = [await startServer({ port: FIRST_PORT, dbFile: '', env: serverEnv() })]
  const others = Array.from({ length: PROCESSES - 1 }, (_, i) => startServer({ port: FIRST_PORT + 1 + i, dbFile: '', full: false, env: serverEnv() }))
  servers.push(...(await Promise.all(others)))
}, 300_000)

afterAll(async () => {
  for (const server of servers) await stopServer(server, 'SIGKILL')
  await smtp?.stop()
})

describe.skipIf(!postgres)('three app processes on one PostgreSQL database (PostgreSQL only: one process serves SQLite)', () => {
  it('stores and acknowledges 600 concurrent reports once each', async () => {
    const before = await db.ticket.count()
    const answers = await pooled(600, 60, (i) => post(next(), person('lot', i)))
    expect(answers.filter((a) => a.status !== 201)).toEqual([])
    const references = answers.map((a) => a.reference!)
    expect(new Set(references).size).toBe(600)
    expect(await db.ticket.count({ where: { reference: { in: references } } })).toBe(600)
    expect((await db.ticket.count()) - before).toBe(600)
  }, 120_000)

  it('refuses one person’s sixth report within 10 minutes, whichever process gets it', async () => {
    const statuses = []
    // Five accepted, then a refusal from each of the three processes in turn.
    for (let i = 0; i < 8; i++) statuses.push((await post(next(), person('limite', 0, `Mot de passe incorrect, essai ${i}`))).status)
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429])
  })

  it('makes one incident of a surge spread over the processes', async () => {
    const answers = await pooled(90, 45, (i) => post(next(), person('vague', i, 'Le site n’est pas disponible')))
    expect(answers.map((a) => a.status)).toEqual(Array(90).fill(201))
    const open = await db.incident.findMany({ where: { status: 'OPEN' }, select: { id: true, key: true } })
    expect(open).toEqual([{ id: expect.any(String), key: 'SITE_UNAVAILABLE' }])
    const members = await db.ticket.groupBy({ by: ['incidentId'], where: { reference: { in: answers.map((a) => a.reference!) } }, _count: true })
    expect(members).toEqual([{ incidentId: open[0]!.id, _count: 90 }])
  }, 60_000)

  it('sends every outbox row once, the three mail workers together', async () => {
    await waitUntil(async () => (await db.outboxMessage.count({ where: { state: { not: 'SENT' } } })) === 0, 90_000)
    const rows = await db.outboxMessage.findMany({ select: { messageId: true } })
    expect(rows.length).toBeGreaterThanOrEqual(600 + 5 + 90)
    const deliveries = new Map<string, number>()
    for (const mail of smtp.received) deliveries.set(mail.messageId!, (deliveries.get(mail.messageId!) ?? 0) + 1)
    expect(new Set(deliveries.keys())).toEqual(new Set(rows.map((r) => r.messageId)))
    expect([...deliveries.values()].filter((n) => n !== 1)).toEqual([])
  }, 120_000)

  it('loses nothing a process acknowledged before it was SIGKILLed mid-load', async () => {
    const victim = servers[1]!
    const acknowledged: { reference: string; sent: Sent; by: ServerHandle }[] = []
    let killed = false
    await pooled(300, 30, async (i) => {
      const server = next()
      const sent = person('coupure', i)
      try {
        const answer = await post(server, sent)
        if (answer.status === 201) acknowledged.push({ reference: answer.reference!, sent, by: server })
        else if (server !== victim || !killed) throw new Error(`unexpected status ${answer.status}`)
      } catch (error) {
        if (server !== victim || !killed) throw error // only the killed process may fail to answer
      }
      if (!killed && acknowledged.filter((a) => a.by === victim).length >= 40) {
        killed = true
        victim.child.kill('SIGKILL')
      }
    })
    expect(killed).toBe(true)
    expect(await victim.exited).toBeNull()
    const byVictim = acknowledged.filter((a) => a.by === victim)
    expect(byVictim.length).toBeGreaterThanOrEqual(40)
    expect(acknowledged.length).toBeGreaterThan(200) // the two others took the rest

    const rows = await db.ticket.findMany({
      where: { reference: { in: acknowledged.map((a) => a.reference) } },
      select: { reference: true, message: true, fullName: true, profile: true, email: true, login: true },
    })
    const stored = new Map(rows.map((row) => [row.reference, row]))
    for (const { reference, sent } of acknowledged) expect(stored.get(reference)).toEqual({ reference, ...sent })
  }, 120_000)
})

describe.skipIf(!postgres)('WEB_CONCURRENCY=2 npm start (PostgreSQL only: one process serves SQLite)', () => {
  it('serves from two worker processes on one port; SIGTERM drains both, then exits 0', async () => {
    // The three servers above are done: their CPU goes to this one.
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL')
    await Promise.all(servers.map((server) => server.exited))
    const primary = await startServer({ port: FIRST_PORT + PROCESSES, dbFile: '', env: { ...serverEnv(), WEB_CONCURRENCY: '2' } })
    servers.push(primary)
    const ready = () => (primary.log().match(/Relais prêt sur/g) ?? []).length
    await waitUntil(async () => ready() === 2, 60_000)
    // Warm both workers (a cold worker may not have parsed a request head when SIGTERM comes).
    const warm = await Promise.all([0, 1, 2, 3].map((i) => post(primary, person('grappe', 100 + i))))
    expect(warm.map((a) => a.status)).toEqual([201, 201, 201, 201])

    const held = Array.from({ length: 12 }, (_, i) => heldRequest(`${primary.url}/api/reports`, JSON.stringify(person('grappe', i + 1))))
    await Promise.all(held.map((h) => h.connected))
    await new Promise((resolve) => setTimeout(resolve, 1_000)) // the workers parse the request heads
    primary.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 200))
    for (const h of held) h.finish()
    const answers = await Promise.all(held.map((h) => h.answer))
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201))
    expect(await primary.exited).toBe(0)
    expect(primary.log().match(/SIGTERM reçu : fin des requêtes en cours/g)).toHaveLength(2)
    const references = answers.map((a) => (JSON.parse(a.body) as { reference: string }).reference)
    expect(await db.ticket.count({ where: { reference: { in: references } } })).toBe(12)
  }, 120_000)
})
