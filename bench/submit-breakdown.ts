// Where the time of one submission goes, without HTTP: each step of POST /api/reports run in-process,
// sequentially, on a fresh migrated database (DATABASE_URL), measured in CPU time and wall time.
// - validate: reportSchema.safeParse   - classify: the classifier   - prisma: createReport() (the app's
// whole lib path: validate + classify + lib/tickets/create.ts in a group commit)  - raw: the bare stack's
// prepared better-sqlite3 transaction (same rows, same pragmas); then a minimal insert with and without fsync.
// - incident join: lib/incidents/join.ts alone, n joins inside one group commit's savepoint (the
// open incident found through the partial unique index, its last report instant updated), then
// createReport for a report that joins an incident next to one with an individual cause.
// Run with: tsx --conditions=react-server bench/submit-breakdown.ts [n]; prints one JSON line.

import { reportBody } from './bodies'
import { newTicketWriter } from './raw-writer'
import { openDatabase } from './raw-store'

interface Step {
  step: string
  n: number
  cpuUs: number
  wallUs: number
}

async function measure(step: string, n: number, fn: (i: number) => unknown): Promise<Step> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(-1 - i) // warm-up
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await fn(i)
  const cpu = process.cpuUsage(cpu0)
  return { step, n, cpuUs: (cpu.user + cpu.system) / n, wallUs: ((performance.now() - t0) * 1000) / n }
}

/**
 * What the outbox adds to a submission (issue 14, budget 0.3 ms): the same group commit of a ticket
 * with an e-mail, without and with its acknowledgement row, and the acknowledgement's own time inside
 * the savepoint (seal the token + one INSERT on the group commit's connection).
 */
async function outboxSteps(n: number, next: () => Record<string, unknown>): Promise<Step[]> {
  const { reportSchema } = await import('../lib/reports/schemas')
  const { classify } = await import('../lib/catalogue/classify')
  const { groupCommit } = await import('../lib/db-write')
  const { createTicket } = await import('../lib/tickets/create')
  const { enqueueAcknowledgement } = await import('../lib/mail/outbox')
  const { generateReference, generateTrackingToken, hashTrackingToken } = await import('../lib/reports/reference')
  const row = () => {
    const r = reportSchema.parse({ ...next(), email: 'bench.person@example.test' })
    const v = classify(r.message)
    const token = generateTrackingToken()
    const ticket = { ...r, reference: generateReference(), trackingTokenHash: hashTrackingToken(token), category: v.category, variant: v.variant ?? null, confidence: v.confidence, evidence: JSON.stringify(v.evidence) }
    return { ticket, token }
  }
  let ackMs = 0
  let ackCpuUs = 0
  const ticketOnly = await measure('group commit: ticket with e-mail, no acknowledgement', n, () => groupCommit((sql) => createTicket(sql, row().ticket)))
  const withAck = await measure('group commit: ticket with e-mail + acknowledgement row', n, (i) =>
    groupCommit(async (sql) => {
      const { ticket, token } = row()
      const ticketId = await createTicket(sql, ticket)
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      await enqueueAcknowledgement(sql, { ticketId, reference: ticket.reference, email: ticket.email!, token, selfHelp: { title: 'Aide', steps: ['Une étape.'] }, whoActs: 'Vous.' })
      if (i < 0) return
      ackMs += performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      ackCpuUs += cpu.user + cpu.system
    }),
  )
  const inSavepoint: Step = { step: 'outbox: the acknowledgement inside the savepoint (seal + INSERT)', n, cpuUs: ackCpuUs / n, wallUs: (ackMs * 1000) / n }
  return [ticketOnly, withAck, inSavepoint]
}

type GroupCommit = typeof import('../lib/db-write').groupCommit
type JoinIncident = typeof import('../lib/incidents/join').joinIncident

/** The join alone: n calls inside ONE group commit (no fsync per call), timed around each call. */
async function measureJoin(n: number, groupCommit: GroupCommit, joinIncident: JoinIncident): Promise<Step> {
  const subject = { category: 'ESPACE_ACCESS_DISABLED', variant: null, profile: 'PARENT', url: null }
  return groupCommit(async (sql) => {
    await joinIncident(sql, subject, new Date()) // opens the incident and prepares the statements
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    for (let i = 0; i < n; i++) await joinIncident(sql, subject, new Date())
    const cpu = process.cpuUsage(cpu0)
    return { step: 'incident join alone (lib/incidents/join.ts in a savepoint, open incident found)', n, cpuUs: (cpu.user + cpu.system) / n, wallUs: ((performance.now() - t0) * 1000) / n }
  })
}

async function main() {
  const n = Number(process.argv[2] ?? 300)
  const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
  const { reportSchema } = await import('../lib/reports/schemas')
  const { classify } = await import('../lib/catalogue/classify')
  const { createReport } = await import('../lib/reports/mutations')
  const { generateReference, generateTrackingToken, hashTrackingToken } = await import('../lib/reports/reference')
  const { groupCommit } = await import('../lib/db-write')
  const { joinIncident } = await import('../lib/incidents/join')
  const bodies = Array.from({ length: 4 * n + 200 }, (_, i) => JSON.parse(JSON.stringify(reportBody(10_000_000 + i))) as Record<string, unknown>)
  let k = 0
  const next = () => bodies[k++ % bodies.length]!

  const sqlite = openDatabase(file)
  const store = newTicketWriter(sqlite)

  const steps: Step[] = []
  steps.push(await measure('validate (zod)', n, () => reportSchema.safeParse(next())))
  steps.push(await measure('classify', n, () => classify(String(next().message))))
  steps.push(
    await measure('createReport (lib: zod + classify + group commit, synchronous=FULL)', n, async () => {
      const r = await createReport(next())
      if (!r.ok) throw new Error(JSON.stringify(r))
    }),
  )
  steps.push(
    await measure('raw (zod + classify + better-sqlite3 prepared, synchronous=FULL)', n, () => {
      const r = reportSchema.parse(next())
      const v = classify(r.message)
      store({ reference: generateReference(), tokenHash: hashTrackingToken(generateTrackingToken()), report: r, verdict: v })
    }),
  )
  steps.push(await measureJoin(n, groupCommit, joinIncident))
  const person = (i: number, message: string, profile = 'PARENT') => ({ message, profile, fullName: `Personne ${i}`, email: `p${i}@exemple.test` })
  const createOrThrow = async (body: Record<string, unknown>) => {
    const r = await createReport(body)
    if (!r.ok) throw new Error(JSON.stringify(r))
  }
  steps.push(await measure('createReport, joins an incident (HTTP Error 503)', n, (i) => createOrThrow(person(i, 'HTTP Error 503. The service is unavailable.'))))
  steps.push(await measure('createReport, individual cause (wrong password)', n, (i) => createOrThrow(person(i, 'Votre identifiant ou votre mot de passe est incorrect'))))
  steps.push(...(await outboxSteps(n, next)))
  // The same minimal insert with and without the fsync of each commit: the durability cost per report.
  const fixed = reportSchema.parse({ message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: 'Bench' })
  const verdict = classify(fixed.message)
  const minimal = () => store({ reference: generateReference(), tokenHash: 'h', report: fixed, verdict })
  steps.push(await measure('raw insert only, synchronous=FULL (one fsync per commit)', n, minimal))
  sqlite.pragma('synchronous = OFF')
  steps.push(await measure('raw insert only, synchronous=OFF (SQLite CPU, no fsync)', n, minimal))
  console.log(JSON.stringify({ steps }))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
