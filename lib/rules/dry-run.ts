import 'server-only'
import { normalizeShared } from '@/lib/catalogue/normalize'
import { classifyWithRules, compileRule, compileRules, ruleMatches, type SchoolRule } from '@/lib/catalogue/school-rules'
import type { Classification } from '@/lib/catalogue/types'
import { readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'

// The dry run of a rule over the stored tickets (issue 15 §2), shared by the preview and by apply,
// so the preview lists exactly what apply would change. One pass over the tickets in id order, in
// chunks read on the owned connection (readRows): each chunk holds the database gate for a few
// milliseconds, so new reports are never held up for the whole pass. Only the tickets the rule
// matches are classified again (built-in signals + every enabled rule + this one); a ticket whose
// verdict differs from its category would change. A matched ticket whose category was ever set by
// hand (a CATEGORY_CHANGED event) is listed apart, whatever the rule says, and never changed.

const CHUNK = 5000

interface ScanRow {
  id: number
  message: string
}

interface CandidateRow {
  id: number
  reference: string
  category: string
  version: number
  manual: number
}

export interface Change {
  reference: string
  version: number
  from: string
  to: string
  verdict: Classification
}

export interface DryRun {
  changes: Change[]
  manual: Change[]
  /** Tickets read, and the last id read (the next slice starts after it). */
  scanned: number
  lastId: number
  /** Highest ticket id when the scan began: progress is lastId / maxId. */
  maxId: number
  done: boolean
}

export interface Slice {
  afterId?: number
  /** Tickets to read at most (all by default). */
  limit?: number
}

/** The rest of the matched tickets, and whether their category was ever set by hand. */
async function candidates(ids: number[]): Promise<Map<number, CandidateRow>> {
  if (ids.length === 0) return new Map()
  const rows = await readRows<CandidateRow>(Prisma.sql`SELECT t."id", t."reference", t."category", t."version",
    EXISTS (SELECT 1 FROM "TicketEvent" e WHERE e."ticketId" = t."id" AND e."type" = 'CATEGORY_CHANGED') AS "manual"
    FROM "Ticket" t WHERE t."id" IN (${sqlDialect().integerRows(ids)})`)
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Which stored tickets `rule` would re-classify, given the other enabled rules (`others`, without
 * `rule` itself). `slice` limits the pass to part of the base (the admin page shows progress that way).
 */
export async function dryRun(rule: SchoolRule, others: readonly SchoolRule[], slice: Slice = {}): Promise<DryRun> {
  const candidate = compileRule(rule)
  const all = compileRules([...others.filter((r) => r.id !== rule.id), rule])
  const [top] = await readRows<{ maxId: number | null }>(Prisma.sql`SELECT max("id") AS "maxId" FROM "Ticket"`)
  const out: DryRun = { changes: [], manual: [], scanned: 0, lastId: slice.afterId ?? 0, maxId: top?.maxId ?? 0, done: false }
  const budget = slice.limit ?? Number.POSITIVE_INFINITY
  while (out.scanned < budget) {
    const take = Math.min(CHUNK, budget - out.scanned)
    // Only id and message for every ticket: the other columns are read for the matched ones.
    const rows = await readRows<ScanRow>(Prisma.sql`SELECT "id", "message" FROM "Ticket"
      WHERE "id" > ${out.lastId} AND "id" <= ${out.maxId} ORDER BY "id" LIMIT ${take}`)
    if (rows.length === 0) break
    out.scanned += rows.length
    out.lastId = rows[rows.length - 1]!.id
    const matched = rows.filter((row) => ruleMatches(candidate, normalizeShared(row.message)))
    const details = await candidates(matched.map((row) => row.id))
    for (const row of matched) {
      const ticket = details.get(row.id)
      if (!ticket) continue
      const verdict = classifyWithRules(row.message, all)
      const change = { reference: ticket.reference, version: ticket.version, from: ticket.category, to: verdict.category, verdict }
      if (ticket.manual) out.manual.push(change)
      else if (verdict.category !== ticket.category) out.changes.push(change)
    }
    if (rows.length < take) break
    // The chunks follow one another through promises only: without a turn of the event loop here,
    // no request (a new report, a page) would be served until the whole pass ends.
    await new Promise((resolve) => setImmediate(resolve))
  }
  out.done = out.lastId >= out.maxId
  return out
}
