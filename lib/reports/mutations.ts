import 'server-only'
import type BetterSqlite3 from 'better-sqlite3'
import { classify } from '@/lib/catalogue/classify'
import { db, sqlite } from '@/lib/db'
import { ENT_CATEGORY, syncEntFailureForTicket } from '@/lib/ent-failures/grouping'
import { Prisma } from '@/lib/generated/prisma/client'
import { invalidInput, ok, type Result } from '@/lib/result'
import { createdReport, type CreatedReport } from './dto'
import { generateReference, generateTrackingToken, hashTrackingToken } from './reference'
import { reportSchema } from './schemas'
import { newTicketWriter, type NewTicket } from './ticket-writer'

const MAX_REFERENCE_ATTEMPTS = 5

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002'
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

// The common path of a submission writes its rows with prepared statements (./ticket-writer.ts).
//
// Group commit: submissions that reach this point in the same turn of the event loop are written in
// ONE transaction, so one fsync (synchronous=FULL) covers all of them; each caller is answered only
// after that commit, so a 201 still means "on disk". better-sqlite3 blocks the event loop during the
// fsync; requests arriving meanwhile form the next batch. Each ticket has its own savepoint: a failed
// one (a reference collision) is rolled back alone and retried by its caller.
type Outcome = { ok: true } | { ok: false; error: unknown }
const preparedFor = new WeakMap<BetterSqlite3.Database, (batch: NewTicket[]) => Outcome[]>()

function batchInsert(connection: BetterSqlite3.Database): (batch: NewTicket[]) => Outcome[] {
  const cached = preparedFor.get(connection)
  if (cached) return cached
  // Nested in `all` below, so better-sqlite3 runs it as a savepoint.
  const one = newTicketWriter(connection)
  const all = connection.transaction((batch: NewTicket[]) =>
    batch.map((t): Outcome => {
      try {
        one(t)
        return { ok: true }
      } catch (error) {
        return { ok: false, error }
      }
    }),
  )
  const run = (batch: NewTicket[]) => all.immediate(batch)
  preparedFor.set(connection, run)
  return run
}

interface Waiting {
  ticket: NewTicket
  resolve: () => void
  reject: (error: unknown) => void
}
let waiting: Waiting[] = []

async function flush(): Promise<void> {
  const batch = waiting
  waiting = []
  let connection: BetterSqlite3.Database
  try {
    connection = await sqlite()
  } catch (error) {
    for (const w of batch) w.reject(error)
    return
  }
  // Synchronous from here: no Prisma statement can run in between. A Prisma transaction open on the
  // connection (between two of its awaits) must not absorb these rows: go through Prisma, which waits.
  if (connection.inTransaction) {
    for (const w of batch) prismaInsert(w.ticket).then(w.resolve, w.reject)
    return
  }
  let outcomes: Outcome[]
  try {
    outcomes = batchInsert(connection)(batch.map((w) => w.ticket))
  } catch (error) {
    for (const w of batch) w.reject(error) // the commit itself failed: nothing of the batch is stored
    return
  }
  batch.forEach((w, i) => {
    const outcome = outcomes[i]!
    if (outcome.ok) w.resolve()
    else w.reject(outcome.error)
  })
}

function fastInsert(ticket: NewTicket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (waiting.push({ ticket, resolve, reject }) === 1) setImmediate(() => void flush())
  })
}

/** Through Prisma, when a Prisma transaction is open on the connection: an ENT identity report joins its EntFailure record atomically. */
async function prismaInsert({ reference, tokenHash, report, verdict }: NewTicket): Promise<void> {
  await db.$transaction(async (tx) => {
    const created = await tx.ticket.create({
      data: {
        reference,
        trackingTokenHash: tokenHash,
        ...report,
        category: verdict.category,
        autoCategory: verdict.category,
        variant: verdict.variant ?? null,
        confidence: verdict.confidence,
        evidence: JSON.stringify(verdict.evidence),
        status: 'NEW',
        events: { create: { type: 'CREATED', after: JSON.stringify({ status: 'NEW', category: verdict.category }) } },
      },
      select: { id: true },
    })
    if (verdict.category === ENT_CATEGORY) await syncEntFailureForTicket(tx, created.id)
  })
}

/**
 * Files a public report: validates, classifies the message, stores a NEW ticket with a fresh
 * reference and the hash of a tracking token. Public: no viewer. The token is returned once.
 */
export async function createReport(input: unknown): Promise<Result<CreatedReport>> {
  const parsed = reportSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const report = parsed.data
  const verdict = classify(report.message)
  const token = generateTrackingToken()

  for (let attempt = 1; ; attempt++) {
    const reference = generateReference()
    try {
      await fastInsert({ reference, tokenHash: hashTrackingToken(token), report, verdict })
    } catch (error) {
      // 40 random bits make a collision rare; a fresh reference settles it.
      if (isUniqueViolation(error) && attempt < MAX_REFERENCE_ATTEMPTS) continue
      throw error
    }
    return ok(createdReport(reference, token, verdict))
  }
}
